package dev.realtime.socketio.engine;

import dev.realtime.socketio.engine.packet.EnginePacketType;

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
	 * Any packet from the client, before its own handling. Engine.IO v4 counts one that
	 * is not a pong as a sign of life while a pong is awaited; v3 ignores it, as Node
	 * does.
	 * @param type the packet's type
	 */
	default void onPacket(EnginePacketType type) {
	}

	/** The session closes: stop the timers. */
	void stop();

	static SessionHeartbeat create(EngineIoSession session, EngineIoProtocol protocol, EngineIoOptions options) {
		return (protocol == EngineIoProtocol.V3) ? new ClientPingHeartbeat(session, options)
				: new Heartbeat(session, options);
	}

}
