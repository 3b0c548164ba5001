package dev.realtime.socketio.server;

import reactor.core.publisher.Mono;

/**
 * Runs before a socket joins a namespace; may refuse it. Middlewares run one after the
 * other in registration order, server-wide ones first.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ConnectMiddleware {

	/**
	 * Check a socket that is connecting.
	 * @param socket the socket (not connected yet: it cannot emit)
	 * @return a {@code Mono} that completes to accept, or errors to refuse: a
	 * {@link ConnectRejectedException} reaches the client with its message and data, any
	 * other error with its message
	 */
	Mono<Void> handle(SocketIoSocket socket);

}
