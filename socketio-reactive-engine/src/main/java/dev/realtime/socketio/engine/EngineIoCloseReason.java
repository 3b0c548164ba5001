package dev.realtime.socketio.engine;

/**
 * The reasons a session closes, with the same strings as the Node.js reference server.
 *
 * @since 0.1.0
 */
public final class EngineIoCloseReason {

	/** The client closed the transport (socket closed, or a {@code close} packet). */
	public static final String TRANSPORT_CLOSE = "transport close";

	/** The transport failed (aborted poll, overlapping requests, I/O error). */
	public static final String TRANSPORT_ERROR = "transport error";

	/** The client did not answer a ping within {@code pingTimeout}. */
	public static final String PING_TIMEOUT = "ping timeout";

	/** The client sent something that is not a valid packet. */
	public static final String PARSE_ERROR = "parse error";

	/** The server application closed the session. */
	public static final String FORCED_CLOSE = "forced close";

	/** The server is stopping. */
	public static final String SERVER_SHUTTING_DOWN = "server shutting down";

	/** The session exceeded its outbound buffer limit. */
	public static final String BUFFER_OVERFLOW = "buffer overflow";

	private EngineIoCloseReason() {
	}

}
