package dev.realtime.socketio.protocol;

/**
 * Thrown by {@link SocketIoPacketDecoder} when a client sends a malformed packet. The
 * reference server closes the whole connection in that case.
 *
 * @since 0.1.0
 */
public class SocketIoParseException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create a new exception.
	 * @param message the reason the packet was rejected
	 */
	public SocketIoParseException(String message) {
		super(message);
	}

	/**
	 * Create a new exception with a cause.
	 * @param message the reason the packet was rejected
	 * @param cause the underlying error, for example a JSON syntax error
	 */
	public SocketIoParseException(String message, Throwable cause) {
		super(message, cause);
	}

}
