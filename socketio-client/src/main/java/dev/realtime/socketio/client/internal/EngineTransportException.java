package dev.realtime.socketio.client.internal;

/**
 * A transport failed: an HTTP error status, an unreadable packet.
 */
final class EngineTransportException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	EngineTransportException(String message) {
		super(message);
	}

}
