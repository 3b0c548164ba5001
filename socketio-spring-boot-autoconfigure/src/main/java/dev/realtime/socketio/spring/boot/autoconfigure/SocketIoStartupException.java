package dev.realtime.socketio.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * A misconfiguration of the Socket.IO server found at startup, with what to do about it;
 * {@link SocketIoStartupFailureAnalyzer} reports it in a few lines instead of a stack
 * trace.
 */
final class SocketIoStartupException extends IllegalStateException {

	private final String action;

	SocketIoStartupException(String description, String action) {
		this(description, action, null);
	}

	SocketIoStartupException(String description, String action, @Nullable Throwable cause) {
		super(description, cause);
		this.action = action;
	}

	String getAction() {
		return this.action;
	}

}
