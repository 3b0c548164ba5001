package dev.realtime.socketio.redis;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The msgpack codec against bytes written by {@code notepack.io} 3.0.1 (the encoder of
 * the Node adapter and emitter).
 */
class MsgPackTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	// notepack.encode(["emitter", {type: 2, data: ["hello", 1, -1, 300, -200, 70000,
	// -40000, 5000000000, 1.5,
	// true, null, Buffer.from([1, 2, 3])], nsp: "/"}, {rooms: ["room1"], flags: {},
	// except: []}])
	private static final String BROADCAST = "93a7656d697474657283a47479706502a4646174619ca568656c6c6f01ffcd012cd1ff38"
			+ "ce00011170d2ffff63c0cf000000012a05f200cb3ff8000000000000c3c0c403010203a36e7370a12f83a5726f6f6d7391a572"
			+ "6f6f6d31a5666c61677380a665786365707490";

	// notepack.encode({uid: "abc", requestId: "x", type: 9, packet: {a: "é€😀"}})
	private static final String ACK = "84a3756964a3616263a9726571756573744964a178a47479706509a67061636b657481a161a9c3"
			+ "a9e282acf09f9880";

	@Test
	void encodesLikeNotepack() {
		ArrayNode data = NODES.arrayNode()
			.add("hello")
			.add(1)
			.add(-1)
			.add(300)
			.add(-200)
			.add(70000)
			.add(-40000)
			.add(5000000000L)
			.add(1.5)
			.add(true)
			.addNull()
			.add(new byte[] { 1, 2, 3 });
		ObjectNode packet = NODES.objectNode().put("type", 2).set("data", data);
		packet.put("nsp", "/");
		ObjectNode opts = NODES.objectNode();
		opts.putArray("rooms").add("room1");
		opts.putObject("flags");
		opts.putArray("except");
		ArrayNode message = NODES.arrayNode().add("emitter").add(packet).add(opts);
		assertThat(hex(MsgPack.encode(message))).isEqualTo(BROADCAST);
	}

	@Test
	void encodesUtf8KeysAndValuesLikeNotepack() {
		ObjectNode ack = NODES.objectNode().put("uid", "abc").put("requestId", "x").put("type", 9);
		ack.putObject("packet").put("a", "é€😀");
		assertThat(hex(MsgPack.encode(ack))).isEqualTo(ACK);
	}

	@Test
	void decodesWhatNotepackWrites() {
		JsonNode message = MsgPack.decode(HexFormat.of().parseHex(BROADCAST));
		assertThat(message.get(0).asString()).isEqualTo("emitter");
		JsonNode data = message.get(1).get("data");
		assertThat(data.get(0).asString()).isEqualTo("hello");
		assertThat(data.get(3).asInt()).isEqualTo(300);
		assertThat(data.get(6).asInt()).isEqualTo(-40000);
		assertThat(data.get(7).asLong()).isEqualTo(5000000000L);
		assertThat(data.get(8).asDouble()).isEqualTo(1.5);
		assertThat(data.get(10).isNull()).isTrue();
		assertThat(data.get(11).binaryValue()).containsExactly(1, 2, 3);
		assertThat(message.get(2).get("rooms").get(0).asString()).isEqualTo("room1");
	}

	@Test
	void writesIntegralDoublesAsIntegersAsJavaScriptDoes() {
		assertThat(hex(MsgPack.encode(NODES.numberNode(2.0)))).isEqualTo("02");
		assertThat(hex(MsgPack.encode(NODES.numberNode(-33)))).isEqualTo("d0df");
	}

	@Test
	void usesWiderHeadersForLongStringsAndArrays() {
		byte[] text = MsgPack.encode(NODES.stringNode("x".repeat(40)));
		assertThat(hex(text)).startsWith("d928787878");
		ArrayNode array = NODES.arrayNode();
		for (int i = 0; i < 20; i++) {
			array.add(0);
		}
		assertThat(hex(MsgPack.encode(array))).startsWith("dc00140000");
		assertThat(MsgPack.decode(MsgPack.encode(array))).isEqualTo(array);
	}

	@Test
	void readsLegacyUndefinedAndTimestamps() {
		assertThat(MsgPack.decode(HexFormat.of().parseHex("d40000")).isNull()).isTrue();
		assertThat(MsgPack.decode(HexFormat.of().parseHex("d6ff00000000")).asString())
			.isEqualTo("1970-01-01T00:00:00.000Z");
	}

	@Test
	void rejectsTruncatedInput() {
		assertThatIllegalArgumentException().isThrownBy(() -> MsgPack.decode(HexFormat.of().parseHex("a5616263")));
		assertThatIllegalArgumentException().isThrownBy(() -> MsgPack.decode(HexFormat.of().parseHex("0102")));
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

}
