package dev.realtime.socketio.engine;

import java.util.function.Predicate;

import reactor.core.publisher.Mono;

/**
 * Decides whether a handshake request may open a session (the Node server's
 * {@code allowRequest}). Runs before a session exists.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EngineIoRequestFilter {

	/**
	 * Check a handshake request.
	 * @param handshake the request
	 * @return a {@code Mono} that completes to accept the request, or errors with
	 * {@link EngineIoRequestRejectedException} (or any error) to refuse it with HTTP 403
	 */
	Mono<Void> filter(EngineIoHandshake handshake);

	/**
	 * Adapt a synchronous predicate.
	 * @param predicate returns {@code true} to accept
	 * @return the filter
	 */
	static EngineIoRequestFilter of(Predicate<EngineIoHandshake> predicate) {
		return (handshake) -> predicate.test(handshake) ? Mono.empty()
				: Mono.error(new EngineIoRequestRejectedException("Forbidden"));
	}

}
