package dev.realtime.socketio.protocol;

import java.util.ArrayList;
import java.util.List;

import dev.realtime.socketio.engine.packet.EnginePacket;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default parser: {@link SocketIoPacketEncoder} and {@link SocketIoPacketDecoder}.
 */
final class JsonSocketIoParser implements SocketIoParser {

	private final SocketIoPacketEncoder encoder;

	private final SocketIoPacketDecoder.Factory decoders;

	JsonSocketIoParser(JsonMapper mapper, SocketIoParserLimits limits) {
		this.encoder = new SocketIoPacketEncoder(mapper);
		this.decoders = new SocketIoPacketDecoder.Factory(mapper, limits);
	}

	@Override
	public List<EnginePacket> encode(SocketIoPacket packet) {
		EncodedPacket encoded = this.encoder.encode(packet);
		if (!encoded.hasAttachments()) {
			return List.of(EnginePacket.message(encoded.text()));
		}
		List<EnginePacket> packets = new ArrayList<>(1 + encoded.attachments().size());
		packets.add(EnginePacket.message(encoded.text()));
		for (byte[] attachment : encoded.attachments()) {
			packets.add(EnginePacket.message(attachment));
		}
		return packets;
	}

	@Override
	public Decoder newDecoder() {
		return this.decoders.newDecoder();
	}

	@Override
	public SocketIoParserType type() {
		return SocketIoParserType.DEFAULT;
	}

}
