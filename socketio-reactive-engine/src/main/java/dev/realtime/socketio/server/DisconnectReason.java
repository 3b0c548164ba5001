package dev.realtime.socketio.server;

/**
 * The reasons a socket disconnects, with the strings of the Node.js reference server.
 * Engine.IO close reasons ({@code transport close}, {@code ping timeout}, ...) pass through
 * unchanged.
 *
 * @since 0.1.0
 */
public final class DisconnectReason {

	/** The server called {@code socket.disconnect()}. */
	public static final String SERVER_NAMESPACE_DISCONNECT = "server namespace disconnect";

	/** The client disconnected the namespace. */
	public static final String CLIENT_NAMESPACE_DISCONNECT = "client namespace disconnect";

	/** The server is stopping. */
	public static final String SERVER_SHUTTING_DOWN = "server shutting down";

	/** The connection closed for a reason the server decided, such as an invalid packet. */
	public static final String FORCED_SERVER_CLOSE = "forced server close";

	/** The client closed the transport. */
	public static final String TRANSPORT_CLOSE = "transport close";

	/** The transport failed. */
	public static final String TRANSPORT_ERROR = "transport error";

	/** The client stopped answering pings. */
	public static final String PING_TIMEOUT = "ping timeout";

	/** The client sent an invalid packet. */
	public static final String PARSE_ERROR = "parse error";

	/** The client kept sending events over its rate limit. */
	public static final String RATE_LIMITED = "rate limit exceeded";

	/** The connection was closed by the server application. */
	public static final String FORCED_CLOSE = "forced close";

	private DisconnectReason() {
	}

}
