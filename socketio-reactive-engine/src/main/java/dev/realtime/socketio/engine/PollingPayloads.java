package dev.realtime.socketio.engine;

import java.util.List;

import dev.realtime.socketio.engine.packet.Eio3PayloadCodec;
import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.engine.packet.EnginePayloadCodec;

/**
 * How a session's long-polling payloads are framed: by record separators (EIO4), or by
 * length prefixes (EIO3), in text with binary in base64 or, for a client that reads
 * binary bodies, in a binary body when there is binary to send.
 */
enum PollingPayloads {

	EIO4,

	/** EIO3 for a client that asked for base64 ({@code b64=1}). */
	EIO3_TEXT,

	EIO3_BINARY;

	static PollingPayloads of(EngineIoProtocol protocol, EngineIoHandshake handshake) {
		if (protocol == EngineIoProtocol.V4) {
			return EIO4;
		}
		// As in the reference server, any non-empty b64 value asks for base64.
		String b64 = handshake.queryParam("b64");
		return (b64 == null || b64.isEmpty()) ? EIO3_BINARY : EIO3_TEXT;
	}

	PollResponse encode(List<EnginePacket> packets) {
		return switch (this) {
			case EIO4 -> PollResponse.payload(EnginePayloadCodec.encodePayload(packets));
			case EIO3_TEXT -> PollResponse.payload(Eio3PayloadCodec.encodePayload(packets));
			case EIO3_BINARY ->
				Eio3PayloadCodec.hasBinary(packets) ? PollResponse.binary(Eio3PayloadCodec.encodeBinaryPayload(packets))
						: PollResponse.payload(Eio3PayloadCodec.encodePayload(packets));
		};
	}

	/**
	 * Decode a POST body: a {@code String}, or the bytes of an EIO3 binary payload.
	 */
	List<EnginePacket> decode(Object body, int maxPackets) {
		if (body instanceof byte[] bytes) {
			return Eio3PayloadCodec.decodePayload(bytes, maxPackets);
		}
		String text = (String) body;
		return (this == EIO4) ? EnginePayloadCodec.decodePayload(text, maxPackets)
				: Eio3PayloadCodec.decodePayload(text, maxPackets);
	}

}
