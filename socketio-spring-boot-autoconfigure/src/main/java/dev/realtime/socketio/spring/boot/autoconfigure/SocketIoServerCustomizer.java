package dev.realtime.socketio.spring.boot.autoconfigure;

import dev.realtime.socketio.server.SocketIoServerOptions;

/**
 * Callback to customize the {@link SocketIoServerOptions} of the auto-configured
 * {@link dev.realtime.socketio.server.SocketIoServer}, after the properties were applied:
 * an adapter factory for a cluster, a dedicated JSON mapper. Customizers run in
 * {@link org.springframework.core.Ordered order}.
 *
 * @since 0.1.0
 * @see EngineIoOptionsCustomizer
 */
@FunctionalInterface
public interface SocketIoServerCustomizer {

	/**
	 * Customize the server options.
	 * @param builder the builder, with the properties already applied
	 */
	void customize(SocketIoServerOptions.Builder builder);

}
