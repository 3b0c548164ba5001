package dev.realtime.socketio.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link SocketIoStartupException}: its description and action, without the
 * trace of the context refresh around it.
 */
final class SocketIoStartupFailureAnalyzer extends AbstractFailureAnalyzer<SocketIoStartupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SocketIoStartupException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
