package dev.realtime.socketio.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.realtime.socketio.spring.handler.support.InvalidHandlerMethodException;

/**
 * Reports an {@link InvalidHandlerMethodException}: the handler method, what is wrong
 * with it and what to change.
 */
final class InvalidHandlerMethodFailureAnalyzer extends AbstractFailureAnalyzer<InvalidHandlerMethodException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidHandlerMethodException cause) {
		return new FailureAnalysis("A Socket.IO handler cannot be served. " + cause.getMessage() + ".",
				cause.getAction(), cause);
	}

}
