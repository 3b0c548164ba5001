package dev.realtime.socketio.engine;

import org.jspecify.annotations.Nullable;

/**
 * The Engine.IO transports.
 *
 * @since 0.1.0
 */
public enum EngineIoTransport {

	/** HTTP long-polling. */
	POLLING("polling"),

	/** WebSocket. */
	WEBSOCKET("websocket");

	private final String wireName;

	EngineIoTransport(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * Return the name used in the {@code transport} query parameter.
	 * @return the wire name
	 */
	public String wireName() {
		return this.wireName;
	}

	/**
	 * Return the transport with the given wire name.
	 * @param name a {@code transport} query parameter value
	 * @return the transport, or {@code null} when unknown
	 */
	public static @Nullable EngineIoTransport fromWireName(@Nullable String name) {
		if ("polling".equals(name)) {
			return POLLING;
		}
		if ("websocket".equals(name)) {
			return WEBSOCKET;
		}
		return null;
	}

}
