package dev.realtime.socketio.server;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;

/**
 * Receives every event, incoming or outgoing, of a socket (Node's {@code onAny} and
 * {@code onAnyOutgoing}).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AnyListener {

	/**
	 * Handle an event.
	 * @param event the event name
	 * @param args the arguments
	 */
	void onAny(String event, ArrayNode args);

	/**
	 * Handle an incoming event that may ask for an acknowledgement, as Node's
	 * {@code onAny} gets the ack callback as its last argument. The first answer of any
	 * listener is the one sent. The default ignores the acknowledgement and calls
	 * {@link #onAny(String, ArrayNode)}; outgoing events never have one.
	 * @param event the event name
	 * @param args the arguments
	 * @param ack answers the acknowledgement, or {@code null} when none was asked for
	 */
	default void onAny(String event, ArrayNode args, @Nullable AckSender ack) {
		onAny(event, args);
	}

}
