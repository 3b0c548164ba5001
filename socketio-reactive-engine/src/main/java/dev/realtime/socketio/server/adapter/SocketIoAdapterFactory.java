package dev.realtime.socketio.server.adapter;

/**
 * Creates the adapter of each namespace.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SocketIoAdapterFactory {

	/**
	 * Create an adapter.
	 * @param context the namespace's side of the contract
	 * @return the adapter
	 */
	SocketIoAdapter create(AdapterContext context);

}
