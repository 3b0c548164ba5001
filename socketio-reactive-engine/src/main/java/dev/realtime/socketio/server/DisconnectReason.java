package dev.realtime.socketio.server;

import org.jspecify.annotations.Nullable;

/**
 * Why a socket left its namespace, with the reason strings of the Node.js reference
 * server as {@linkplain #wireName() names} (also what {@link #toString()} returns, so
 * that logs read the same as Node's).
 * <p>
 * Some reasons leave the client to reconnect by itself (a lost transport, a server
 * restart): with connection state recovery on, the server then keeps the socket's session
 * for a while, and {@link #isRecoverable()} says so.
 *
 * @since 0.1.0
 */
public enum DisconnectReason {

	/** The server called {@code socket.disconnect()}. */
	SERVER_NAMESPACE_DISCONNECT("server namespace disconnect", false),

	/** The client disconnected the namespace. */
	CLIENT_NAMESPACE_DISCONNECT("client namespace disconnect", false),

	/** The server is stopping. */
	SERVER_SHUTTING_DOWN("server shutting down", true),

	/**
	 * The server closed the connection because the client broke the protocol's rules,
	 * such as a packet for a namespace it had not joined.
	 */
	FORCED_SERVER_CLOSE("forced server close", true),

	/** The client closed the transport, or the connection was lost. */
	TRANSPORT_CLOSE("transport close", true),

	/** The transport failed. */
	TRANSPORT_ERROR("transport error", true),

	/** The client stopped answering pings. */
	PING_TIMEOUT("ping timeout", true),

	/** The client sent an invalid packet. */
	PARSE_ERROR("parse error", false),

	/** The client kept sending events over its rate limit. */
	RATE_LIMITED("rate limit exceeded", false),

	/** The client did not read fast enough: its outbound buffer reached its limit. */
	BUFFER_OVERFLOW("buffer overflow", false),

	/** The connection was closed by the server application. */
	FORCED_CLOSE("forced close", true);

	private static final DisconnectReason[] VALUES = values();

	private final String wireName;

	private final boolean recoverable;

	DisconnectReason(String wireName, boolean recoverable) {
		this.wireName = wireName;
		this.recoverable = recoverable;
	}

	/**
	 * Return the reason as the Node.js server names it, such as {@code transport close}.
	 * @return the name
	 */
	public String wireName() {
		return this.wireName;
	}

	/**
	 * Whether the client reconnects by itself after this disconnection, so that with
	 * connection state recovery on the server keeps the socket's session (its id, rooms
	 * and data) and the events it misses, for
	 * {@link ConnectionStateRecoveryOptions#maxDisconnectionDuration()}. Not when either
	 * side left the namespace on purpose, nor when the client misbehaved.
	 * @return {@code true} when the session is kept for recovery
	 */
	public boolean isRecoverable() {
		return this.recoverable;
	}

	/**
	 * Return the reason with the given Node.js name.
	 * @param wireName a name such as {@code transport close}
	 * @return the reason, or {@code null} when the name is unknown
	 */
	public static @Nullable DisconnectReason fromWireName(@Nullable String wireName) {
		for (DisconnectReason reason : VALUES) {
			if (reason.wireName.equals(wireName)) {
				return reason;
			}
		}
		return null;
	}

	/**
	 * Return the {@linkplain #wireName() Node.js name} of the reason.
	 * @return the name
	 */
	@Override
	public String toString() {
		return this.wireName;
	}

}
