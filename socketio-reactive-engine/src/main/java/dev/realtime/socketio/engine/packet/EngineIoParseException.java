package dev.realtime.socketio.engine.packet;

/**
 * Thrown when bytes received from a client are not a valid Engine.IO packet or payload.
 * The session that received them is closed with the reason {@code parse error}.
 *
 * @since 0.1.0
 */
public class EngineIoParseException extends RuntimeException {

	/**
	 * Create an exception with the given message.
	 * @param message what was wrong with the input
	 */
	public EngineIoParseException(String message) {
		super(message);
	}

}
