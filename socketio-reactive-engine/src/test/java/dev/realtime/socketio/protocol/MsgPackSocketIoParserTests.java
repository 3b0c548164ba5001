package dev.realtime.socketio.protocol;

import java.util.HexFormat;
import java.util.List;

import dev.realtime.socketio.engine.packet.EnginePacket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The msgpack parser against bytes written by {@code socket.io-msgpack-parser} 3.0.2
 * (notepack.io 2.2.0) in Node.
 */
class MsgPackSocketIoParserTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	// encode({type: 2, data: ["hi", {n: 1.5, k: 300}, Buffer.from([9])], nsp: "/", id:
	// 3})
	private static final String EVENT = "84a47479706502a46461746193a2686982a16ecb3ff8000000000000a16bcd012cc40109a36e"
			+ "7370a12fa2696403";

	// encode({type: 0, data: {sid: "abc"}, nsp: "/chat"})
	private static final String CONNECT = "83a47479706500a46461746181a3736964a3616263a36e7370a52f63686174";

	// What socket.io-client 4.8.4 sends: encode({type: 2, data: ["echo", {a: 1},
	// Buffer.from([1, 2])], options: {compress: true}, nsp: "/chat", id: 7})
	private static final String CLIENT_EVENT = "85a47479706502a46461746193a46563686f81a16101c4020102a76f7074696f6e7381"
			+ "a8636f6d7072657373c3a36e7370a52f63686174a2696407";

	// encode({type: 0, data: undefined, nsp: "/"}): a CONNECT without auth
	private static final String CLIENT_CONNECT = "83a47479706500a464617461d40000a36e7370a12f";

	// encode({type: 5, data: ["x"], nsp: "/"})
	private static final String BINARY_EVENT_TYPE = "83a47479706505a46461746191a178a36e7370a12f";

	private final SocketIoParser parser = SocketIoParser.msgpack(JsonMapper.shared(), SocketIoParserLimits.defaults());

	@Test
	void encodesAsTheNodeParserDoes() {
		ArrayNode data = NODES.arrayNode().add("hi");
		data.addObject().put("n", 1.5).put("k", 300);
		data.add(new byte[] { 9 });
		assertThat(hex(this.parser.encode(SocketIoPacket.event("/", data, 3)))).isEqualTo(EVENT);
		ObjectNode sid = NODES.objectNode().put("sid", "abc");
		assertThat(hex(this.parser.encode(SocketIoPacket.connect("/chat", sid)))).isEqualTo(CONNECT);
	}

	@Test
	void decodesWhatTheClientSends() {
		SocketIoPacket packet = this.parser.newDecoder().decodeBinary(bytes(CLIENT_EVENT));
		assertThat(packet.type()).isEqualTo(SocketIoPacketType.EVENT);
		assertThat(packet.namespace()).isEqualTo("/chat");
		assertThat(packet.ackId()).isEqualTo(7);
		assertThat(packet.arrayData().get(0).asString()).isEqualTo("echo");
		assertThat(packet.arrayData().get(1).get("a").asInt()).isEqualTo(1);
		assertThat(packet.arrayData().get(2).binaryValue()).containsExactly(1, 2);
		SocketIoPacket connect = this.parser.newDecoder().decodeBinary(bytes(CLIENT_CONNECT));
		assertThat(connect.type()).isEqualTo(SocketIoPacketType.CONNECT);
		assertThat(connect.data()).isNull();
	}

	@Test
	void refusesWhatTheNodeParserRefuses() {
		SocketIoParser.Decoder decoder = this.parser.newDecoder();
		assertThatExceptionOfType(SocketIoParseException.class).isThrownBy(() -> decoder.decodeText("2[\"x\"]"))
			.withMessageContaining("msgpack parser");
		assertThatExceptionOfType(SocketIoParseException.class)
			.isThrownBy(() -> decoder.decodeBinary(bytes(BINARY_EVENT_TYPE)))
			.withMessageContaining("Invalid packet type");
		assertThatExceptionOfType(SocketIoParseException.class)
			.isThrownBy(() -> decoder.decodeBinary(bytes("a5616263")))
			.withMessageContaining("Invalid MessagePack");
		// {type: 2, data: "x", nsp: "/"}: an event whose data is not an array
		assertThatExceptionOfType(SocketIoParseException.class)
			.isThrownBy(() -> decoder.decodeBinary(bytes("83a47479706502a464617461a178a36e7370a12f")))
			.withMessageContaining("Invalid payload");
		// an array header declaring 2^31-1 elements in a few bytes
		assertThatExceptionOfType(SocketIoParseException.class)
			.isThrownBy(() -> decoder.decodeBinary(bytes("81a464617461dd7fffffff")))
			.withMessageContaining("Truncated");
	}

	@Test
	void enforcesTheNestingDepthOfTheData() {
		SocketIoParser shallow = SocketIoParser.msgpack(JsonMapper.shared(),
				SocketIoParserLimits.builder().maxNestingDepth(2).build());
		ArrayNode ok = NODES.arrayNode().add("e");
		ok.addArray().add(1);
		byte[] fits = hexBytes(hex(this.parser.encode(SocketIoPacket.event("/", ok))));
		assertThat(shallow.newDecoder().decodeBinary(fits).arrayData()).isEqualTo(ok);
		ArrayNode deep = NODES.arrayNode().add("e");
		deep.addArray().addArray().add(1);
		byte[] tooDeep = hexBytes(hex(this.parser.encode(SocketIoPacket.event("/", deep))));
		assertThatExceptionOfType(SocketIoLimitExceededException.class)
			.isThrownBy(() -> shallow.newDecoder().decodeBinary(tooDeep))
			.withMessageContaining("maxNestingDepth");
	}

	private static String hex(List<EnginePacket> packets) {
		assertThat(packets).hasSize(1);
		assertThat(packets.get(0).isBinary()).isTrue();
		return HexFormat.of().formatHex(packets.get(0).binary());
	}

	private static byte[] bytes(String hex) {
		return HexFormat.of().parseHex(hex);
	}

	private static byte[] hexBytes(String hex) {
		return bytes(hex);
	}

}
