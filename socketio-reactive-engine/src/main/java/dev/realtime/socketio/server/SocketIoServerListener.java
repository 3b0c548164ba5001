package dev.realtime.socketio.server;

/**
 * Observes the Socket.IO layer, for metrics. Callbacks run on event loops and must be
 * cheap and non-blocking.
 *
 * @since 0.1.0
 */
public interface SocketIoServerListener {

	/** Handshake outcome: the socket joined the namespace. */
	String ACCEPTED = "accepted";

	/**
	 * Handshake outcome: the namespace does not exist, or a connection middleware refused
	 * the socket with a {@link ConnectRejectedException}.
	 */
	String REJECTED = "rejected";

	/**
	 * Handshake outcome: a connection middleware failed with another error, or the
	 * connection closed before the handshake completed.
	 */
	String ERROR = "error";

	/**
	 * A socket joined a namespace.
	 * @param socket the socket
	 */
	default void socketConnected(SocketIoSocket socket) {
	}

	/**
	 * A socket left its namespace.
	 * @param socket the socket
	 * @param reason the disconnect reason
	 */
	default void socketDisconnected(SocketIoSocket socket, DisconnectReason reason) {
	}

	/**
	 * A connection middleware refused a socket.
	 * @param namespace the namespace
	 */
	default void connectRejected(String namespace) {
	}

	/**
	 * An event arrived from a client.
	 * @param namespace the namespace
	 * @param event the event name
	 */
	default void eventReceived(String namespace, String event) {
	}

	/**
	 * An event was sent.
	 * @param namespace the namespace
	 * @param event the event name
	 * @param recipients the number of sockets it was sent to
	 */
	default void eventSent(String namespace, String event, int recipients) {
	}

	/**
	 * An acknowledgement completed or timed out.
	 * @param namespace the namespace
	 * @param clientToServer {@code true} for an ack the server sent (handler time),
	 * {@code false} for one the server awaited (round trip)
	 * @param nanos the elapsed time
	 * @param ok {@code false} on timeout
	 */
	default void ackCompleted(String namespace, boolean clientToServer, long nanos, boolean ok) {
	}

	/**
	 * An event was dropped because its socket was over its rate limit.
	 * @param namespace the namespace
	 * @param event the event name
	 */
	default void eventRateLimited(String namespace, String event) {
	}

	/**
	 * A client sent an invalid Socket.IO packet.
	 */
	default void parseError() {
	}

	/**
	 * A namespace handshake (a CONNECT packet) completed, from its arrival to the CONNECT
	 * or CONNECT_ERROR answer, connection middlewares included.
	 * @param namespace the namespace the client asked for
	 * @param outcome {@link #ACCEPTED}, {@link #REJECTED} or {@link #ERROR}
	 * @param nanos the elapsed time
	 * @since 0.1.0
	 */
	default void handshakeCompleted(String namespace, String outcome, long nanos) {
	}

	/**
	 * A connection was closed because it joined no namespace within the connect timeout.
	 * @since 0.1.0
	 */
	default void connectTimedOut() {
	}

	/**
	 * A handler of an event failed: an {@link EventListener} of the server threw, or code
	 * that dispatches events on top of the server (such as an annotation model) reported
	 * a failure through {@link SocketIoServer#listeners()}.
	 * @param namespace the namespace
	 * @param event the event name
	 * @param error the failure
	 * @since 0.1.0
	 */
	default void handlerFailed(String namespace, String event, Throwable error) {
	}

	/**
	 * A handler refused an event on purpose rather than failed: code that dispatches
	 * events on top of the server reports through {@link SocketIoServer#listeners()} an
	 * event whose arguments were missing, unreadable or invalid, or whose handler threw
	 * an exception the application's exception handling answered. Reported instead of
	 * {@link #handlerFailed}, which then counts only unexpected failures.
	 * @param namespace the namespace
	 * @param event the event name
	 * @param reason the exception that refused the event
	 * @since 0.1.0
	 */
	default void eventRejected(String namespace, String event, Throwable reason) {
	}

	/**
	 * A socket of this node joined a room it was not in (its own room included, when it
	 * connects). Called in the adapter, on the thread that changed the membership.
	 * @param namespace the namespace
	 * @param room the room
	 * @param socketId the socket id
	 * @since 0.1.0
	 */
	default void roomJoined(String namespace, String room, String socketId) {
	}

	/**
	 * A socket of this node left a room, on its own or because it disconnected.
	 * @param namespace the namespace
	 * @param room the room
	 * @param socketId the socket id
	 * @since 0.1.0
	 */
	default void roomLeft(String namespace, String room, String socketId) {
	}

}
