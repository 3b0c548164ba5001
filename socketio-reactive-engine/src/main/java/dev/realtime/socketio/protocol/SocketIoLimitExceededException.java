package dev.realtime.socketio.protocol;

/**
 * Thrown by {@link SocketIoPacketDecoder} when a packet is well-formed but exceeds one of
 * the configured {@link SocketIoParserLimits}. Like any other parse failure it closes the
 * connection; unlike a malformed packet it may be a legitimate client meeting a limit set
 * too low, so the server logs it as a warning that names the limit.
 *
 * @since 0.1.0
 */
public class SocketIoLimitExceededException extends SocketIoParseException {

	private static final long serialVersionUID = 1L;

	private final String limit;

	/**
	 * Create a new exception.
	 * @param limit the name of the limit in {@link SocketIoParserLimits}, for example
	 * {@code maxNestingDepth}
	 * @param message the reason the packet was rejected
	 */
	public SocketIoLimitExceededException(String limit, String message) {
		super(message);
		this.limit = limit;
	}

	/**
	 * Create a new exception with a cause.
	 * @param limit the name of the limit in {@link SocketIoParserLimits}
	 * @param message the reason the packet was rejected
	 * @param cause the underlying error, for example Jackson's constraint violation
	 */
	public SocketIoLimitExceededException(String limit, String message, Throwable cause) {
		super(message, cause);
		this.limit = limit;
	}

	/**
	 * Return the name of the limit that was exceeded, as in {@link SocketIoParserLimits}.
	 * @return the limit's name, for example {@code maxNestingDepth}
	 */
	public String limit() {
		return this.limit;
	}

}
