package dev.realtime.socketio.client;

/**
 * The Engine.IO transports a client may use.
 *
 * @since 0.1.0
 */
public enum Transport {

	/**
	 * HTTP long-polling: works through any proxy, and upgrades to WebSocket when allowed.
	 */
	POLLING("polling"),

	/** One WebSocket connection for the whole session. */
	WEBSOCKET("websocket");

	private final String id;

	Transport(String id) {
		this.id = id;
	}

	/**
	 * Return the name of the transport on the wire, as in the {@code transport} query
	 * parameter.
	 * @return {@code polling} or {@code websocket}
	 */
	public String id() {
		return this.id;
	}

}
