package dev.realtime.socketio.client;

/**
 * A change in the connection of a {@link ClientSocket}, as published by
 * {@link ClientSocket#connectionEvents()}.
 *
 * @since 0.1.0
 */
public sealed interface ConnectionEvent {

	/** Disconnect reason when the client left the namespace or closed the client. */
	String CLIENT_DISCONNECT = "io client disconnect";

	/**
	 * Disconnect reason when the server disconnected the socket (it is not reconnected).
	 */
	String SERVER_DISCONNECT = "io server disconnect";

	/** Disconnect reason when the connection was closed or lost. */
	String TRANSPORT_CLOSE = "transport close";

	/** Disconnect reason when the connection failed. */
	String TRANSPORT_ERROR = "transport error";

	/** Disconnect reason when the server's heartbeat stopped. */
	String PING_TIMEOUT = "ping timeout";

	/**
	 * The namespace was connected, the first time or after a reconnection.
	 *
	 * @param id the socket id the server gave
	 * @param recovered whether the server restored the previous session (connection state
	 * recovery): same id, rooms and data, and the missed events delivered
	 */
	record Connected(String id, boolean recovered) implements ConnectionEvent {
	}

	/**
	 * The socket was disconnected.
	 *
	 * @param reason why, one of the constants of {@link ConnectionEvent}
	 * @param willReconnect whether the client is going to reconnect it
	 */
	record Disconnected(String reason, boolean willReconnect) implements ConnectionEvent {
	}

	/**
	 * A connection attempt failed: the server refused the namespace, or a reconnection
	 * attempt could not reach it.
	 *
	 * @param error what went wrong
	 * @param willReconnect whether the client tries again
	 */
	record ConnectError(SocketIoConnectException error, boolean willReconnect) implements ConnectionEvent {
	}

}
