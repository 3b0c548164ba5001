package dev.realtime.socketio.protocol;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests for {@link SocketIoPacketDecoder}.
 */
class SocketIoPacketDecoderTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final String PH0 = "{\"_placeholder\":true,\"num\":0}";

	private static final String PH1 = "{\"_placeholder\":true,\"num\":1}";

	private static final byte[] BYTES_1 = { 1, 2, 3, 4 };

	private static final byte[] BYTES_2 = { 5, 6 };

	private final SocketIoPacketDecoder decoder = new SocketIoPacketDecoder(mapper, SocketIoParserLimits.defaults());

	private final SocketIoPacketEncoder encoder = new SocketIoPacketEncoder(mapper);

	static Stream<Arguments> textPackets() {
		return Stream.of(
				// docs/protocol.md 2.2
				arguments("0", SocketIoPacketType.CONNECT, "/", -1, null),
				arguments("0/admin,{\"token\":\"123\"}", SocketIoPacketType.CONNECT, "/admin", -1,
						"{\"token\":\"123\"}"),
				arguments("0{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}", SocketIoPacketType.CONNECT, "/", -1,
						"{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}"),
				arguments("2[\"foo\"]", SocketIoPacketType.EVENT, "/", -1, "[\"foo\"]"),
				arguments("2/admin,[\"bar\"]", SocketIoPacketType.EVENT, "/admin", -1, "[\"bar\"]"),
				arguments("212[\"foo\"]", SocketIoPacketType.EVENT, "/", 12, "[\"foo\"]"),
				arguments("3/admin,13[\"bar\"]", SocketIoPacketType.ACK, "/admin", 13, "[\"bar\"]"),
				arguments("1/admin,", SocketIoPacketType.DISCONNECT, "/admin", -1, null),
				arguments("4{\"message\":\"Not authorized\"}", SocketIoPacketType.CONNECT_ERROR, "/", -1,
						"{\"message\":\"Not authorized\"}"),
				// docs/protocol.md 2.4 and 3: both forms of a namespace without payload
				arguments("0/custom", SocketIoPacketType.CONNECT, "/custom", -1, null),
				arguments("0/custom,", SocketIoPacketType.CONNECT, "/custom", -1, null),
				arguments("0/custom,{\"token\":\"abc\"}", SocketIoPacketType.CONNECT, "/custom", -1,
						"{\"token\":\"abc\"}"),
				arguments("0{\"token\":\"123\"}", SocketIoPacketType.CONNECT, "/", -1, "{\"token\":\"123\"}"),
				arguments("0/random", SocketIoPacketType.CONNECT, "/random", -1, null),
				arguments("1", SocketIoPacketType.DISCONNECT, "/", -1, null),
				arguments("1/custom", SocketIoPacketType.DISCONNECT, "/custom", -1, null),
				arguments("2[\"message\",\"message to main namespace\"]", SocketIoPacketType.EVENT, "/", -1,
						"[\"message\",\"message to main namespace\"]"),
				arguments("2[\"message\",1,\"2\",{\"3\":[true]}]", SocketIoPacketType.EVENT, "/", -1,
						"[\"message\",1,\"2\",{\"3\":[true]}]"),
				arguments("2456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]", SocketIoPacketType.EVENT, "/", 456,
						"[\"message-with-ack\",1,\"2\",{\"3\":[false]}]"),
				arguments("4/random,{\"message\":\"Invalid namespace\"}", SocketIoPacketType.CONNECT_ERROR, "/random",
						-1, "{\"message\":\"Invalid namespace\"}"),
				// Other valid shapes
				arguments("2[42,\"numeric name\"]", SocketIoPacketType.EVENT, "/", -1, "[42,\"numeric name\"]"),
				arguments("2/,[\"explicit main\"]", SocketIoPacketType.EVENT, "/", -1, "[\"explicit main\"]"),
				arguments("30[]", SocketIoPacketType.ACK, "/", 0, "[]"),
				arguments("39223372036854775807[]", SocketIoPacketType.ACK, "/", Long.MAX_VALUE, "[]"),
				arguments("2 [\"ws\"] ", SocketIoPacketType.EVENT, "/", -1, "[\"ws\"]"),
				arguments("2[\"a\",{\"_placeholder\":true,\"num\":0}]", SocketIoPacketType.EVENT, "/", -1,
						"[\"a\",{\"_placeholder\":true,\"num\":0}]"),
				arguments("4\"tolerated\"", SocketIoPacketType.CONNECT_ERROR, "/", -1, "{\"message\":\"tolerated\"}"),
				arguments("4/admin,{\"message\":\"refused\",\"data\":{\"code\":1}}", SocketIoPacketType.CONNECT_ERROR,
						"/admin", -1, "{\"message\":\"refused\",\"data\":{\"code\":1}}"));
	}

	@ParameterizedTest
	@MethodSource("textPackets")
	void decodesTextPackets(String text, SocketIoPacketType type, String namespace, long ackId, String data) {
		SocketIoPacket packet = this.decoder.decodeText(text);
		assertThat(packet).isNotNull();
		assertThat(packet.type()).isEqualTo(type);
		assertThat(packet.namespace()).isEqualTo(namespace);
		assertThat(packet.ackId()).isEqualTo(ackId);
		assertThat(packet.hasAckId()).isEqualTo(ackId >= 0);
		assertThat(packet.data()).isEqualTo((data != null) ? mapper.readTree(data) : null);
		assertThat(this.decoder.awaitingAttachments()).isFalse();
	}

	static Stream<Arguments> binaryPackets() {
		return Stream.of(
				// docs/protocol.md 2.2 and 3
				arguments("51-[\"baz\"," + PH0 + "]", SocketIoPacketType.BINARY_EVENT, "/", -1, 1),
				arguments("52-/admin,[\"baz\"," + PH0 + "," + PH1 + "]", SocketIoPacketType.BINARY_EVENT, "/admin", -1,
						2),
				arguments("61-15[\"bar\"," + PH0 + "]", SocketIoPacketType.BINARY_ACK, "/", 15, 1),
				arguments("52-[\"message\"," + PH0 + "," + PH1 + "]", SocketIoPacketType.BINARY_EVENT, "/", -1, 2),
				arguments("52-789[\"message-with-ack\"," + PH0 + "," + PH1 + "]", SocketIoPacketType.BINARY_EVENT, "/",
						789, 2),
				arguments("62-789[" + PH0 + "," + PH1 + "]", SocketIoPacketType.BINARY_ACK, "/", 789, 2),
				arguments("52-[\"reversed\"," + PH1 + "," + PH0 + "]", SocketIoPacketType.BINARY_EVENT, "/", -1, 2),
				arguments("61-/admin,0[" + PH0 + "]", SocketIoPacketType.BINARY_ACK, "/admin", 0, 1));
	}

	@ParameterizedTest
	@MethodSource("binaryPackets")
	void decodesBinaryPacketsAndEncodesThemBack(String header, SocketIoPacketType type, String namespace, long ackId,
			int attachments) {
		List<byte[]> sent = List.of(BYTES_1, BYTES_2).subList(0, attachments);
		assertThat(this.decoder.decodeText(header)).isNull();
		assertThat(this.decoder.awaitingAttachments()).isTrue();
		SocketIoPacket packet = null;
		for (int i = 0; i < attachments; i++) {
			assertThat(packet).isNull();
			packet = this.decoder.decodeBinary(sent.get(i));
		}
		assertThat(packet).isNotNull();
		assertThat(this.decoder.awaitingAttachments()).isFalse();
		assertThat(packet.type()).isEqualTo(type);
		assertThat(packet.namespace()).isEqualTo(namespace);
		assertThat(packet.ackId()).isEqualTo(ackId);
		assertThat(packet.isEvent()).isEqualTo(type == SocketIoPacketType.BINARY_EVENT);
		assertThat(packet.isAck()).isEqualTo(type == SocketIoPacketType.BINARY_ACK);
		assertThat(packet.data().toString()).doesNotContain("_placeholder");
		EncodedPacket encoded = this.encoder.encode(packet);
		if (header.contains(PH1 + "," + PH0)) {
			assertThat(encoded.text()).isEqualTo(header.replace(PH1 + "," + PH0, PH0 + "," + PH1));
			assertThat(encoded.attachments()).containsExactly(BYTES_2, BYTES_1);
		}
		else {
			assertThat(encoded.text()).isEqualTo(header);
			assertThat(encoded.attachments()).containsExactlyElementsOf(sent);
		}
	}

	@Test
	void replacesPlaceholdersByBinaryNodes() {
		this.decoder.decodeText("52-[\"baz\"," + PH0 + "," + PH1 + "]");
		this.decoder.decodeBinary(BYTES_1);
		SocketIoPacket packet = this.decoder.decodeBinary(BYTES_2);
		JsonNode data = packet.data();
		assertThat(data.get(0).stringValue()).isEqualTo("baz");
		assertThat(data.get(1).isBinary()).isTrue();
		assertThat(data.get(1).binaryValue()).isEqualTo(BYTES_1);
		assertThat(data.get(2).binaryValue()).isEqualTo(BYTES_2);
	}

	@Test
	void replacesPlaceholdersAtDepth() {
		String header = "52-7[\"nested\",{\"outer\":[{\"first\":" + PH1 + ",\"list\":[{\"deep\":" + PH0 + "},3]}]}]";
		assertThat(this.decoder.decodeText(header)).isNull();
		assertThat(this.decoder.decodeBinary(BYTES_1)).isNull();
		SocketIoPacket packet = this.decoder.decodeBinary(BYTES_2);
		JsonNode inner = packet.data().get(1).get("outer").get(0);
		assertThat(inner.get("first").binaryValue()).isEqualTo(BYTES_2);
		assertThat(inner.get("list").get(0).get("deep").binaryValue()).isEqualTo(BYTES_1);
		assertThat(inner.get("list").get(1).intValue()).isEqualTo(3);
		assertThat(packet.ackId()).isEqualTo(7);
	}

	@Test
	void placeholderLookalikesStayPlainData() {
		String header = "51-[\"a\"," + PH0 + ",{\"_placeholder\":true,\"num\":0,\"extra\":1},"
				+ "{\"_placeholder\":\"true\",\"num\":0},{\"_placeholder\":false,\"num\":0},{\"_placeholder\":true},"
				+ "{\"num\":0,\"other\":true}]";
		this.decoder.decodeText(header);
		SocketIoPacket packet = this.decoder.decodeBinary(BYTES_1);
		JsonNode data = packet.data();
		assertThat(data.get(1).isBinary()).isTrue();
		for (int i = 2; i < data.size(); i++) {
			assertThat(data.get(i).isObject()).isTrue();
		}
		assertThat(data.get(2).get("extra").intValue()).isEqualTo(1);
	}

	@Test
	void roundTripsEveryPacketType() {
		JsonNode object = mapper.readTree("{\"token\":\"123\",\"n\":[1,2.5,null,true]}");
		List<SocketIoPacket> packets = List.of(SocketIoPacket.connect("/", null),
				SocketIoPacket.connect("/admin", (ObjectNode) object), SocketIoPacket.disconnect("/"),
				SocketIoPacket.disconnect("/admin"),
				SocketIoPacket.event("/", array("[\"hello\",\"w\u00f6rld\",{\"a\":[1,{}]}]")),
				SocketIoPacket.event("/chat", array("[\"with-ack\",1]"), 99), SocketIoPacket.ack("/", array("[]"), 0),
				SocketIoPacket.ack("/chat", array("[\"ok\",false]"), 12345678901L),
				SocketIoPacket.connectError("/", "Not authorized"), SocketIoPacket.connectError("/admin",
						(ObjectNode) mapper.readTree("{\"message\":\"no\",\"data\":[1]}")));
		for (SocketIoPacket packet : packets) {
			EncodedPacket encoded = this.encoder.encode(packet);
			assertThat(encoded.attachments()).isEmpty();
			assertThat(this.decoder.decodeText(encoded.text())).as(encoded.text()).isEqualTo(packet);
		}
	}

	@Test
	void roundTripsBinaryEventsAndAcks() {
		ArrayNode data = array("[\"upload\",{\"meta\":{\"name\":\"f\"}}]");
		((ObjectNode) data.get(1)).put("content", BYTES_1);
		data.add(BYTES_2);
		for (SocketIoPacket packet : List.of(SocketIoPacket.event("/files", data, 3),
				SocketIoPacket.ack("/", data, 4))) {
			EncodedPacket encoded = this.encoder.encode(packet);
			assertThat(this.decoder.decodeText(encoded.text())).isNull();
			assertThat(this.decoder.decodeBinary(encoded.attachments().get(0))).isNull();
			SocketIoPacket decoded = this.decoder.decodeBinary(encoded.attachments().get(1));
			assertThat(decoded.type())
				.isEqualTo(packet.isEvent() ? SocketIoPacketType.BINARY_EVENT : SocketIoPacketType.BINARY_ACK);
			assertThat(decoded.namespace()).isEqualTo(packet.namespace());
			assertThat(decoded.ackId()).isEqualTo(packet.ackId());
			assertThat(decoded.data()).isEqualTo(packet.data());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// Unknown or missing type (docs/protocol.md 2.6: "4abc" on the wire)
			"", "abc", "9", "7[\"a\"]", "-1", " 2[\"a\"]",
			// EVENT payload rules
			"2", "2{}", "2[]", "2\"a\"", "2abc[\"x\"]", "2[{\"a\":1}]", "2[null]", "2[true]", "2[[\"a\"]]",
			"2[\"connect\"]", "2[\"connect_error\"]", "2[\"disconnect\"]", "2[\"disconnecting\"]", "2[\"newListener\"]",
			"2[\"removeListener\"]", "2/admin,[\"disconnect\"]", "2/admin[\"a\"]", "2/admin,", "2/admin", "2 ",
			"2[\"a\"", "2[\"a\"]]", "2[\"a\",]", "2['a']", "2[\"a\"]x", "2[\"a\"][\"b\"]", "2[\"a\"]{}", "2[\"a\",NaN]",
			"2[\"a\",01]", "2[\"a\"] 1", "29223372036854775808[\"a\"]", "299999999999999999999[\"a\"]", "2-1[\"a\"]",
			"2/admin,1a[\"a\"]",
			// ACK payload rules
			"3", "3[\"a\"]", "3/admin,[\"a\"]", "31", "31{}", "31\"a\"", "31[\"a\"]x",
			// CONNECT payload rules
			"0\"str\"", "0[]", "0[\"a\"]", "01", "01{}", "0/admin,1", "0/admin,\"x\"", "0null", "0{", "0{}x",
			// DISCONNECT payload rules
			"1{}", "1/admin,{}", "11", "1\"bye\"", "1 ",
			// CONNECT_ERROR payload rules
			"4", "4/admin,", "4[1]", "4 ", "41{}", "4{}{}",
			// Binary headers
			"5", "5-[\"a\"]", "5x-[\"a\"]", "51", "51[\"a\"]", "51-", "50-[\"a\"]", "511-[\"a\"]",
			"599999999999999999999-[\"a\"]", "5-1-[\"a\"]", "51-[]", "51-{}", "51-[\"connect\"]", "6", "61-[\"a\"]",
			"61-/admin,[\"a\"]", "61-1{}",
			// Placeholders of binary headers
			"52-[\"a\",{\"_placeholder\":true,\"num\":5}]", "52-[\"a\",{\"_placeholder\":true,\"num\":0}]",
			"52-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":0}]",
			"51-[\"a\",{\"_placeholder\":true,\"num\":-1}]", "51-[\"a\",{\"_placeholder\":true,\"num\":\"0\"}]",
			"51-[\"a\",{\"_placeholder\":true,\"num\":0.5}]", "51-[\"a\",{\"_placeholder\":true,\"num\":null}]",
			"51-[\"a\",{\"_placeholder\":true,\"num\":99999999999999999999}]", "51-[\"a\",{\"x\":1}]" })
	void rejectsMalformedTextPackets(String text) {
		assertThatExceptionOfType(SocketIoParseException.class).isThrownBy(() -> this.decoder.decodeText(text))
			.withMessageNotContaining("Malformed packet");
		assertThat(this.decoder.awaitingAttachments()).isFalse();
	}

	@Test
	void rejectsPlaceholderIndexOutOfRangeWithClearMessage() {
		assertThatExceptionOfType(SocketIoParseException.class)
			.isThrownBy(() -> this.decoder.decodeText("52-[\"a\",{\"_placeholder\":true,\"num\":5}]"))
			.withMessageContaining("out of range");
	}

	@Test
	void rejectsReservedEventNameWithClearMessage() {
		assertThatExceptionOfType(SocketIoParseException.class)
			.isThrownBy(() -> this.decoder.decodeText("2[\"connect\"]"))
			.withMessage("Reserved event name: connect");
	}

	@Test
	void rejectsTrailingDataWithClearMessage() {
		assertThatExceptionOfType(SocketIoParseException.class)
			.isThrownBy(() -> this.decoder.decodeText("2[\"a\"][\"b\"]"))
			.withMessage("Unexpected data after the JSON payload");
	}

	@Test
	void rejectsTextPacketWhileAttachmentsArePending() {
		assertThat(this.decoder.decodeText("52-[\"a\"," + PH0 + "," + PH1 + "]")).isNull();
		assertThat(this.decoder.decodeBinary(BYTES_1)).isNull();
		assertThatExceptionOfType(SocketIoParseException.class).isThrownBy(() -> this.decoder.decodeText("2[\"b\"]"))
			.withMessageContaining("1 binary attachment(s)");
		assertThat(this.decoder.awaitingAttachments()).isFalse();
	}

	@Test
	void rejectsBinaryWithoutPendingHeader() {
		assertThatExceptionOfType(SocketIoParseException.class).isThrownBy(() -> this.decoder.decodeBinary(BYTES_1));
		this.decoder.decodeText("51-[\"a\"," + PH0 + "]");
		assertThat(this.decoder.decodeBinary(BYTES_1)).isNotNull();
		assertThatExceptionOfType(SocketIoParseException.class).isThrownBy(() -> this.decoder.decodeBinary(BYTES_2));
	}

	@Test
	void resetDropsThePendingPacket() {
		this.decoder.decodeText("51-[\"a\"," + PH0 + "]");
		this.decoder.reset();
		assertThat(this.decoder.awaitingAttachments()).isFalse();
		assertThat(this.decoder.decodeText("2[\"b\"]")).isNotNull();
	}

	@Test
	void decoderIsUsableAfterAnError() {
		assertThatExceptionOfType(SocketIoParseException.class).isThrownBy(() -> this.decoder.decodeText("2{}"));
		assertThat(this.decoder.decodeText("2[\"ok\"]").data()).isEqualTo(array("[\"ok\"]"));
	}

	@Test
	void rejectsDeepNestingWhileParsing() {
		String deep = "[".repeat(10_000) + "]".repeat(10_000);
		assertThatExceptionOfType(SocketIoLimitExceededException.class)
			.isThrownBy(() -> this.decoder.decodeText("2[\"deep\"," + deep + "]"))
			.withMessageContaining("nested deeper than 500 levels")
			.withCauseInstanceOf(StreamConstraintsException.class);
		String unclosed = "[\"a\"," + "{\"a\":".repeat(10_000);
		assertThatExceptionOfType(SocketIoParseException.class)
			.isThrownBy(() -> this.decoder.decodeText("2" + unclosed))
			.withCauseInstanceOf(StreamConstraintsException.class);
	}

	@Test
	void acceptsNestingUpToTheLimit() {
		int depth = SocketIoParserLimits.DEFAULT_MAX_NESTING_DEPTH;
		String atLimit = "[\"a\"," + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "]";
		assertThat(this.decoder.decodeText("2" + atLimit)).isNotNull();
		String overLimit = "[\"a\"," + "[".repeat(depth) + "]".repeat(depth) + "]";
		assertThatExceptionOfType(SocketIoLimitExceededException.class)
			.isThrownBy(() -> this.decoder.decodeText("2" + overLimit))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo("maxNestingDepth"));
	}

	@Test
	void appliesCustomLimits() {
		SocketIoParserLimits limits = SocketIoParserLimits.builder()
			.maxAttachments(1)
			.maxNestingDepth(2)
			.maxEventNameLength(3)
			.build();
		SocketIoPacketDecoder strict = new SocketIoPacketDecoder(mapper, limits);
		assertThat(strict.decodeText("2[\"abc\",[1]]")).isNotNull();
		assertThatExceptionOfType(SocketIoParseException.class).isThrownBy(() -> strict.decodeText("2[\"abcd\"]"))
			.withMessageContaining("longer than 3");
		assertThatExceptionOfType(SocketIoParseException.class).isThrownBy(() -> strict.decodeText("2[\"a\",[[1]]]"));
		assertThatExceptionOfType(SocketIoParseException.class)
			.isThrownBy(() -> strict.decodeText("52-[\"a\"," + PH0 + "," + PH1 + "]"))
			.withMessageContaining("More than 1 attachments");
		assertThat(strict.decodeText("51-[\"a\"," + PH0 + "]")).isNull();
	}

	@Test
	void acceptsEventNameOfMaximumLength() {
		String name = "n".repeat(SocketIoParserLimits.DEFAULT_MAX_EVENT_NAME_LENGTH);
		assertThat(this.decoder.decodeText("2[\"" + name + "\"]")).isNotNull();
		assertThatExceptionOfType(SocketIoParseException.class)
			.isThrownBy(() -> this.decoder.decodeText("2[\"" + name + "n\"]"));
	}

	@Test
	void zeroMaxAttachmentsRefusesBinaryPackets() {
		SocketIoPacketDecoder noBinary = new SocketIoPacketDecoder(mapper,
				SocketIoParserLimits.builder().maxAttachments(0).build());
		assertThatExceptionOfType(SocketIoParseException.class)
			.isThrownBy(() -> noBinary.decodeText("51-[\"a\"," + PH0 + "]"));
	}

	private static ArrayNode array(String json) {
		return (ArrayNode) mapper.readTree(json);
	}

}
