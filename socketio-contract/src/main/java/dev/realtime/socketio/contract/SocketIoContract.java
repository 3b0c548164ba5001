package dev.realtime.socketio.contract;

import java.util.List;

/**
 * The event API of an application's {@code @SocketIoNamespace} beans: per namespace, the
 * events clients send it and the events it sends them. Read by a
 * {@link SocketIoContractReader}; described as AsyncAPI or TypeScript by the generators
 * of this module.
 *
 * @param namespaces the namespaces, by name
 * @since 0.1.0
 */
public record SocketIoContract(List<NamespaceContract> namespaces) {

	/**
	 * Create a contract.
	 * @param namespaces the namespaces
	 */
	public SocketIoContract {
		namespaces = List.copyOf(namespaces);
	}

}
