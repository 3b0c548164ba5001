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

	/**
	 * Whether this middleware also runs for a socket restored by connection state
	 * recovery when {@link ConnectionStateRecoveryOptions#skipMiddlewares()} skips the
	 * others: one that puts node-local state on the socket
	 * ({@link SocketIoSocket#attributes()}, which recovery does not restore), such as
	 * authentication, says {@code true}.
	 * @return {@code true} to run on recovery too; {@code false} by default
	 * @since 0.1.0
	 */
	default boolean runsOnRecovery() {
		return false;
	}

}
