package dev.realtime.socketio.engine;

/**
 * Observes sessions server-wide, for metrics. Callbacks run on the session's event loop
 * and must be cheap.
 *
 * @since 0.1.0
 */
public interface EngineIoServerListener {

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
	 * A session closed and left the server.
	 * @param socket the session
	 * @param reason the close reason
	 */
	default void sessionClosed(EngineIoSocket socket, String reason) {
	}

}
