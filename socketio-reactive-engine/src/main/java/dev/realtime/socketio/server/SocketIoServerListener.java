package dev.realtime.socketio.server;

/**
 * Observes the Socket.IO layer, for metrics. Callbacks run on event loops and must be
 * cheap and non-blocking.
 *
 * @since 0.1.0
 */
public interface SocketIoServerListener {

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
	default void socketDisconnected(SocketIoSocket socket, String reason) {
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
	 * A client sent an invalid Socket.IO packet.
	 */
	default void parseError() {
	}

}
