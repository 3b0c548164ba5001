package dev.realtime.socketio.spring.boot.autoconfigure;

import dev.realtime.socketio.engine.EngineIoOptions;

/**
 * Callback to customize the {@link EngineIoOptions} of the auto-configured server, after
 * the properties were applied: a request filter that refuses some handshakes (the Node
 * server's {@code allowRequest}), CORS settings the properties cannot express.
 * Customizers run in {@link org.springframework.core.Ordered order}, before any
 * {@link SocketIoServerCustomizer}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EngineIoOptionsCustomizer {

	/**
	 * Customize the Engine.IO options.
	 * @param builder the builder, with the properties already applied
	 */
	void customize(EngineIoOptions.Builder builder);

}
