package dev.realtime.socketio.engine;

/**
 * How a session knows its client is alive: the server pings in Engine.IO v4
 * ({@link Heartbeat}), the client in v3 ({@link ClientPingHeartbeat}). Confined to the
 * session's executor.
 */
interface SessionHeartbeat {

	/** The session is open: start the timers. */
	void start();

	/** A ping from the client. */
	void onPing();

	/** A pong from the client. */
	void onPong();

	/**
	 * Any other packet from the client. Engine.IO v4 counts it as a sign of life while a
	 * pong is awaited; v3 ignores it, as Node does.
	 */
	default void onOtherPacket() {
	}

	/** The session closes: stop the timers. */
	void stop();

	static SessionHeartbeat create(EngineIoSession session, EngineIoProtocol protocol, EngineIoOptions options) {
		return (protocol == EngineIoProtocol.V3) ? new ClientPingHeartbeat(session, options)
				: new Heartbeat(session, options);
	}

}
