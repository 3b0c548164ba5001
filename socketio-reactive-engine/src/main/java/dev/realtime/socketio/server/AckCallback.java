package dev.realtime.socketio.server;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;

/**
 * Receives a client's acknowledgement of an event the server emitted.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AckCallback {

	/**
	 * Called once: with the client's reply, or with an error when the emit timed out or
	 * the socket disconnected first.
	 * @param error the error, or {@code null} when the client answered
	 * @param args the reply arguments (empty on error)
	 */
	void onAck(@Nullable Throwable error, ArrayNode args);

}
