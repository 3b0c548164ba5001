package dev.realtime.socketio.server;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;

/**
 * Receives one event from any socket of a namespace ({@link Namespace#onSocketEvent}):
 * the namespace keeps one such listener for all its sockets, where
 * {@link SocketIoSocket#on} keeps one per socket. Runs on an event loop, in the
 * connection's context: it must not block.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SocketEventListener {

	/**
	 * Handle an event.
	 * @param socket the socket the event came from
	 * @param args the event arguments (without the event name); binary values are
	 * {@code BinaryNode}s
	 * @param ack the acknowledgement the client asked for, or {@code null}
	 */
	void onEvent(SocketIoSocket socket, ArrayNode args, @Nullable AckSender ack);

}
