package dev.realtime.socketio.engine;

import java.util.ArrayList;
import java.util.List;

import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.engine.packet.EnginePacketType;

/**
 * The first packets of a session: the {@code open} packet with the session's parameters
 * (the same in Engine.IO v3 and v4), then the optional initial message.
 */
final class OpenPacket {

	private OpenPacket() {
	}

	static List<EnginePacket> first(String sid, boolean offerUpgrade, EngineIoOptions options) {
		StringBuilder open = new StringBuilder(160).append("{\"sid\":\"").append(sid).append("\",\"upgrades\":[");
		if (offerUpgrade) {
			open.append("\"websocket\"");
		}
		open.append("],\"pingInterval\":")
			.append(options.pingInterval().toMillis())
			.append(",\"pingTimeout\":")
			.append(options.pingTimeout().toMillis())
			.append(",\"maxPayload\":")
			.append(options.maxHttpBufferSize())
			.append('}');
		List<EnginePacket> first = new ArrayList<>(2);
		first.add(EnginePacket.of(EnginePacketType.OPEN, open.toString()));
		String initial = options.initialPacket();
		if (initial != null) {
			first.add(EnginePacket.message(initial));
		}
		return first;
	}

}
