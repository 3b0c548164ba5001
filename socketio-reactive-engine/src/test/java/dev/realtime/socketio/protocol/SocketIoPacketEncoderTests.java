package dev.realtime.socketio.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests for {@link SocketIoPacketEncoder}.
 */
class SocketIoPacketEncoderTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private static final byte[] BYTES_1 = { 1, 2, 3, 4 };

	private static final byte[] BYTES_2 = { 5, 6 };

	private final SocketIoPacketEncoder encoder = new SocketIoPacketEncoder(mapper);

	static Stream<Arguments> specExamples() {
		return Stream.of(
				// docs/protocol.md 2.2
				arguments(SocketIoPacket.connect("/", null), "0", 0),
				arguments(SocketIoPacket.connect("/admin", object("{\"token\":\"123\"}")),
						"0/admin,{\"token\":\"123\"}", 0),
				arguments(SocketIoPacket.connect("/", object("{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}")),
						"0{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}", 0),
				arguments(SocketIoPacket.event("/", array("[\"foo\"]")), "2[\"foo\"]", 0),
				arguments(SocketIoPacket.event("/admin", array("[\"bar\"]")), "2/admin,[\"bar\"]", 0),
				arguments(SocketIoPacket.event("/", array("[\"foo\"]"), 12), "212[\"foo\"]", 0),
				arguments(SocketIoPacket.ack("/admin", array("[\"bar\"]"), 13), "3/admin,13[\"bar\"]", 0),
				arguments(SocketIoPacket.disconnect("/admin"), "1/admin,", 0),
				arguments(SocketIoPacket.connectError("/", "Not authorized"), "4{\"message\":\"Not authorized\"}", 0),
				arguments(SocketIoPacket.event("/", args("baz", BYTES_1)),
						"51-[\"baz\",{\"_placeholder\":true,\"num\":0}]", 1),
				arguments(SocketIoPacket.event("/admin", args("baz", BYTES_1, BYTES_2)),
						"52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", 2),
				arguments(SocketIoPacket.ack("/", args("bar", BYTES_1), 15),
						"61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]", 1),
				// docs/protocol.md 3 (socket.io-protocol test suite)
				arguments(SocketIoPacket.connect("/custom", object("{\"sid\":\"abc\"}")), "0/custom,{\"sid\":\"abc\"}",
						0),
				arguments(SocketIoPacket.event("/", array("[\"auth\",{}]")), "2[\"auth\",{}]", 0),
				arguments(SocketIoPacket.event("/custom", array("[\"auth\",{\"token\":\"abc\"}]")),
						"2/custom,[\"auth\",{\"token\":\"abc\"}]", 0),
				arguments(SocketIoPacket.connectError("/random", "Invalid namespace"),
						"4/random,{\"message\":\"Invalid namespace\"}", 0),
				arguments(SocketIoPacket.disconnect("/"), "1", 0),
				arguments(SocketIoPacket.event("/", array("[\"message-back\",\"message to main namespace\"]")),
						"2[\"message-back\",\"message to main namespace\"]", 0),
				arguments(SocketIoPacket.event("/", array("[\"message-back\",1,\"2\",{\"3\":[true]}]")),
						"2[\"message-back\",1,\"2\",{\"3\":[true]}]", 0),
				arguments(SocketIoPacket.ack("/", array("[1,\"2\",{\"3\":[false]}]"), 456),
						"3456[1,\"2\",{\"3\":[false]}]", 0),
				arguments(SocketIoPacket.event("/", args("message-back", BYTES_1, BYTES_2)),
						"52-[\"message-back\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", 2),
				arguments(SocketIoPacket.ack("/", args(BYTES_1, BYTES_2), 789),
						"62-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", 2),
				arguments(SocketIoPacket.ack("/", nodes.arrayNode(), 0), "30[]", 0));
	}

	@ParameterizedTest
	@MethodSource("specExamples")
	void encodesSpecExamples(SocketIoPacket packet, String expectedText, int expectedAttachments) {
		EncodedPacket encoded = this.encoder.encode(packet);
		assertThat(encoded.text()).isEqualTo(expectedText);
		assertThat(encoded.attachments()).hasSize(expectedAttachments);
		assertThat(encoded.hasAttachments()).isEqualTo(expectedAttachments > 0);
	}

	@Test
	void attachmentsFollowPlaceholderOrder() {
		EncodedPacket encoded = this.encoder.encode(SocketIoPacket.event("/", args("baz", BYTES_1, BYTES_2)));
		assertThat(encoded.attachments()).containsExactly(BYTES_1, BYTES_2);
	}

	@Test
	void binaryAtDepthIsReplacedDepthFirst() {
		ObjectNode inner = nodes.objectNode();
		inner.put("first", BYTES_1);
		ArrayNode list = inner.putArray("list");
		list.add(nodes.objectNode().put("deep", BYTES_2));
		list.add(3);
		ArrayNode data = nodes.arrayNode().add("nested");
		data.add(nodes.objectNode().set("outer", nodes.arrayNode().add(inner)));
		data.add(new byte[] { 9 });
		EncodedPacket encoded = this.encoder.encode(SocketIoPacket.event("/", data, 7));
		assertThat(encoded.text()).isEqualTo("53-7[\"nested\",{\"outer\":[{\"first\":{\"_placeholder\":true,\"num\":0},"
				+ "\"list\":[{\"deep\":{\"_placeholder\":true,\"num\":1}},3]}]},{\"_placeholder\":true,\"num\":2}]");
		assertThat(encoded.attachments()).containsExactly(BYTES_1, BYTES_2, new byte[] { 9 });
	}

	@Test
	void encodingDoesNotModifyThePacketData() {
		ArrayNode data = args("baz", BYTES_1);
		String before = data.toString();
		this.encoder.encode(SocketIoPacket.event("/", data));
		assertThat(data.toString()).isEqualTo(before);
		assertThat(data.get(1).isBinary()).isTrue();
	}

	@Test
	void pojoByteArrayAndByteBufferAreAttachments() {
		ByteBuffer buffer = ByteBuffer.wrap(new byte[] { 0, 7, 8, 0 }, 1, 2);
		ArrayNode data = nodes.arrayNode().add("bin").addPOJO(BYTES_1).addPOJO(buffer);
		EncodedPacket encoded = this.encoder.encode(SocketIoPacket.event("/", data));
		assertThat(encoded.text())
			.isEqualTo("52-[\"bin\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
		assertThat(encoded.attachments()).containsExactly(BYTES_1, new byte[] { 7, 8 });
		assertThat(buffer.position()).isEqualTo(1);
		assertThat(buffer.remaining()).isEqualTo(2);
	}

	@Test
	void otherPojosAreSerializedByTheMapper() {
		ArrayNode data = nodes.arrayNode().add("pojo").addPOJO(new Point(1, 2));
		assertThat(this.encoder.encode(SocketIoPacket.event("/", data)).text())
			.isEqualTo("2[\"pojo\",{\"x\":1,\"y\":2}]");
	}

	@Test
	void binaryTypeWithoutBinaryDataIsEncodedAsPlainType() {
		SocketIoPacket event = new SocketIoPacket(SocketIoPacketType.BINARY_EVENT, "/", -1, array("[\"a\"]"));
		SocketIoPacket ack = new SocketIoPacket(SocketIoPacketType.BINARY_ACK, "/", 3, array("[]"));
		assertThat(this.encoder.encode(event).text()).isEqualTo("2[\"a\"]");
		assertThat(this.encoder.encode(ack).text()).isEqualTo("33[]");
	}

	@Test
	void binaryInConnectPacketIsRejected() {
		ObjectNode auth = nodes.objectNode().put("key", BYTES_1);
		assertThatIllegalArgumentException().isThrownBy(() -> this.encoder.encode(SocketIoPacket.connect("/", auth)))
			.withMessageContaining("CONNECT");
	}

	static Stream<Arguments> numbers() {
		return Stream.of(arguments(nodes.numberNode(1.0), "1"), arguments(nodes.numberNode(-2.0), "-2"),
				arguments(nodes.numberNode(1.5), "1.5"), arguments(nodes.numberNode(0.1), "0.1"),
				arguments(nodes.numberNode(-0.0), "0"), arguments(nodes.numberNode(1e21), "1e+21"),
				arguments(nodes.numberNode(1e20), "100000000000000000000"),
				arguments(nodes.numberNode(123456.789e3), "123456789"), arguments(nodes.numberNode(1e-7), "1e-7"),
				arguments(nodes.numberNode(1.5e-7), "1.5e-7"), arguments(nodes.numberNode(0.000001), "0.000001"),
				arguments(nodes.numberNode(1.2345e25), "1.2345e+25"),
				arguments(nodes.numberNode(Double.MAX_VALUE), "1.7976931348623157e+308"),
				arguments(nodes.numberNode(Double.MIN_VALUE), "5e-324"),
				arguments(nodes.numberNode(Double.NaN), "null"),
				arguments(nodes.numberNode(Double.POSITIVE_INFINITY), "null"), arguments(nodes.numberNode(0.1f), "0.1"),
				arguments(nodes.numberNode(42), "42"),
				arguments(nodes.numberNode(Long.MIN_VALUE), "-9223372036854775808"),
				arguments(nodes.numberNode(new BigInteger("123456789012345678901234567890")),
						"123456789012345678901234567890"),
				arguments(nodes.numberNode(new BigDecimal("1.50")), "1.5"),
				arguments(nodes.numberNode(new BigDecimal("1E+3")), "1000"),
				arguments(nodes.numberNode(new BigDecimal("0.000")), "0"));
	}

	@ParameterizedTest
	@MethodSource("numbers")
	void writesNumbersAsJavaScript(JsonNode number, String expected) {
		ArrayNode data = nodes.arrayNode().add("n").add(number);
		assertThat(this.encoder.encode(SocketIoPacket.event("/", data)).text()).isEqualTo("2[\"n\"," + expected + "]");
	}

	@Test
	void decodedNumbersAreWrittenAsTheyCame() {
		ArrayNode data = array("[\"n\",1,-0,2.5,1.0,1e2,12345678901234567890]");
		assertThat(this.encoder.encode(SocketIoPacket.event("/", data)).text())
			.isEqualTo("2[\"n\",1,0,2.5,1,100,12345678901234567890]");
	}

	static Stream<Arguments> strings() {
		return Stream.of(arguments("plain", "\"plain\""),
				arguments("quote\" backslash\\", "\"quote\\\" backslash\\\\\""),
				arguments("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\""),
				arguments("\u0000\u001f\u007f", "\"\\u0000\\u001f\u007f\""),
				arguments("/admin</script>", "\"/admin</script>\""),
				arguments("h\u00e9llo \u2028 \u4e2d", "\"h\u00e9llo \u2028 \u4e2d\""),
				arguments("\ud83d\ude00", "\"\ud83d\ude00\""), arguments("a\ud800b", "\"a\\ud800b\""),
				arguments("\udc00\ud83d", "\"\\udc00\\ud83d\""));
	}

	@ParameterizedTest
	@MethodSource("strings")
	void escapesStringsAsJavaScript(String value, String expected) {
		ArrayNode data = nodes.arrayNode().add(value);
		ObjectNode object = nodes.objectNode();
		object.put(value, 1);
		data.add(object);
		assertThat(this.encoder.encode(SocketIoPacket.event("/", data)).text())
			.isEqualTo("2[" + expected + ",{" + expected + ":1}]");
	}

	@Test
	void outputIsCompactWhateverTheMapperSettings() {
		JsonMapper indenting = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		ArrayNode data = array("[\"a\",{\"b\":[1,2],\"c\":null}]");
		data.addPOJO(new Point(3, 4));
		assertThat(new SocketIoPacketEncoder(indenting).encode(SocketIoPacket.event("/", data)).text())
			.isEqualTo("2[\"a\",{\"b\":[1,2],\"c\":null},{\"x\":3,\"y\":4}]");
	}

	@Test
	void propertiesKeepTheirOrder() {
		ObjectNode error = object("{\"message\":\"refused\",\"data\":{\"z\":1,\"a\":2}}");
		assertThat(this.encoder.encode(SocketIoPacket.connectError("/admin", error)).text())
			.isEqualTo("4/admin,{\"message\":\"refused\",\"data\":{\"z\":1,\"a\":2}}");
	}

	@Test
	void missingNodesAreWrittenAsJsonStringifyWritesUndefined() {
		ArrayNode data = nodes.arrayNode().add("u").add(nodes.missingNode());
		data.addObject().put("a", 1).set("gone", nodes.missingNode());
		assertThat(this.encoder.encode(SocketIoPacket.event("/", data)).text()).isEqualTo("2[\"u\",null,{\"a\":1}]");
	}

	private static ObjectNode object(String json) {
		return (ObjectNode) mapper.readTree(json);
	}

	private static ArrayNode array(String json) {
		return (ArrayNode) mapper.readTree(json);
	}

	private static ArrayNode args(Object... values) {
		ArrayNode array = nodes.arrayNode();
		for (Object value : values) {
			if (value instanceof byte[] bytes) {
				array.add(bytes);
			}
			else {
				array.add((String) value);
			}
		}
		return array;
	}

	record Point(int x, int y) {
	}

}
