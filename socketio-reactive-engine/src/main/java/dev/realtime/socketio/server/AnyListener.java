package dev.realtime.socketio.server;

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

}
