package dev.realtime.socketio.engine;

/**
 * Signals, from an {@link EngineIoRequestFilter}, that a handshake is refused. The client
 * gets HTTP 403 with {@code {"code":4,"message":<message>}}.
 *
 * @since 0.1.0
 */
public class EngineIoRequestRejectedException extends RuntimeException {

	/**
	 * Create an exception whose message the client sees.
	 * @param message the message sent to the client
	 */
	public EngineIoRequestRejectedException(String message) {
		super(message);
	}

}
