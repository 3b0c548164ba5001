package dev.realtime.socketio.admin.internal;

import dev.realtime.socketio.engine.EngineIoServerListener;
import dev.realtime.socketio.engine.EngineIoSocket;

/**
 * Feeds the aggregated counts of the UI's dashboard from the engine: raw connections and
 * disconnections (by reason), packets and bytes in and out. A "packet" here is what the
 * engine reports bytes for: one WebSocket frame or one polling payload (which may hold
 * several Engine.IO packets).
 */
final class EngineCounters implements EngineIoServerListener {

	private final EventBuffer buffer;

	EngineCounters(EventBuffer buffer) {
		this.buffer = buffer;
	}

	@Override
	public void sessionOpened(EngineIoSocket socket) {
		this.buffer.push("rawConnection");
	}

	@Override
	public void sessionClosed(EngineIoSocket socket, String reason) {
		this.buffer.push("rawDisconnection", reason, 1);
	}

	@Override
	public void bytesTransferred(EngineIoSocket socket, long received, long sent) {
		if (received > 0) {
			this.buffer.push("packetsIn");
			this.buffer.push("bytesIn", null, received);
		}
		if (sent > 0) {
			this.buffer.push("packetsOut");
			this.buffer.push("bytesOut", null, sent);
		}
	}

}
