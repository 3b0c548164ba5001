package dev.realtime.socketio.server.adapter;

/**
 * Implemented by a {@link SocketIoAdapterFactory} (or a {@link SocketIoAdapter}) that
 * depends on an outside service, such as a cluster adapter over Redis, to say whether
 * that service is reachable. Health checks (such as the Spring Boot starter's health
 * indicator) report the server down while it is not.
 *
 * @since 0.1.0
 */
public interface SocketIoAdapterHealth {

	/**
	 * Whether the adapter can reach the service it depends on now.
	 * @return {@code true} while connected
	 */
	boolean isConnected();

	/**
	 * Describe the service, for health details; it must not contain credentials.
	 * @return a short description, such as {@code "redis"}
	 */
	default String description() {
		return getClass().getSimpleName();
	}

}
