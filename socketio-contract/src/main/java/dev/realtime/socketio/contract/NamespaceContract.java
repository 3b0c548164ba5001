package dev.realtime.socketio.contract;

import java.util.List;

/**
 * The events of one namespace.
 *
 * @param name the namespace name, such as {@code /chat}, or the regular expression of a
 * dynamic namespace
 * @param pattern whether {@code name} is a regular expression
 * @param clientEvents the events clients send, each handled by an {@code @OnEvent} method
 * @param serverEvents the events the server sends, as {@code @EmitsEvent} declares them
 * @since 0.1.0
 */
public record NamespaceContract(String name, boolean pattern, List<EventContract> clientEvents,
		List<EventContract> serverEvents) {

	/**
	 * Create a namespace contract.
	 * @param name the name or pattern
	 * @param pattern whether the name is a pattern
	 * @param clientEvents the events clients send
	 * @param serverEvents the events the server sends
	 */
	public NamespaceContract {
		clientEvents = List.copyOf(clientEvents);
		serverEvents = List.copyOf(serverEvents);
	}

}
