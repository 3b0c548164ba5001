package dev.realtime.socketio.engine;

/**
 * Observes sessions server-wide, for metrics. Callbacks run on event loops, in the
 * session's context, and must be cheap.
 *
 * @since 0.1.0
 */
public interface EngineIoServerListener {

	/** Drop reason: a volatile packet the transport could not write at once. */
	String VOLATILE = "volatile";

	/** Drop reason: the session exceeded its outbound buffer limit. */
	String BACKPRESSURE = "backpressure";

	/**
	 * A session opened.
	 * @param socket the session
	 */
	default void sessionOpened(EngineIoSocket socket) {
	}

	/**
	 * A session upgraded from polling to WebSocket.
	 * @param socket the session
	 */
	default void sessionUpgraded(EngineIoSocket socket) {
	}

	/**
	 * Packets were dropped instead of sent.
	 * @param socket the session
	 * @param count how many packets
	 * @param reason {@link #VOLATILE} or {@link #BACKPRESSURE}
	 */
	default void packetsDropped(EngineIoSocket socket, int count, String reason) {
	}

	/**
	 * Bytes were received from or sent to a client (metrics). Called on the session's
	 * loop.
	 * @param socket the session
	 * @param received bytes received
	 * @param sent bytes sent
	 */
	default void bytesTransferred(EngineIoSocket socket, long received, long sent) {
	}

	/**
	 * A session closed and left the server.
	 * @param socket the session
	 * @param reason the close reason
	 */
	default void sessionClosed(EngineIoSocket socket, String reason) {
	}

}
