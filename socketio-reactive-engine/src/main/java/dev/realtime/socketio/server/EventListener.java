package dev.realtime.socketio.server;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;

/**
 * Receives one event from a client. Runs on an event loop, in the connection's context:
 * it must not block (hand blocking work to another thread, and answer through the
 * {@link AckSender}).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EventListener {

	/**
	 * Handle an event.
	 * @param args the event arguments (without the event name); binary values are
	 * {@code BinaryNode}s
	 * @param ack the acknowledgement the client asked for, or {@code null}
	 */
	void onEvent(ArrayNode args, @Nullable AckSender ack);

}
