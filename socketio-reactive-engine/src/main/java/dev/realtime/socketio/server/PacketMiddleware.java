package dev.realtime.socketio.server;

import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;

/**
 * Runs for every event a socket receives, before its listeners (Node's
 * {@code socket.use}).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PacketMiddleware {

	/**
	 * Check an incoming event.
	 * @param socket the receiving socket
	 * @param event the event name
	 * @param args the arguments
	 * @return a {@code Mono} that completes to let the event through, or errors to drop
	 * it; the error goes to the socket's error listeners
	 */
	Mono<Void> handle(SocketIoSocket socket, String event, ArrayNode args);

}
