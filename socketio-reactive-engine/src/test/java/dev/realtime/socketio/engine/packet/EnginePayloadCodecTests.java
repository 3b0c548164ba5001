package dev.realtime.socketio.engine.packet;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests for {@link EnginePayloadCodec} and {@link EnginePacket}, with the examples of
 * docs/protocol.md 1.3 and 1.4.
 */
class EnginePayloadCodecTests {

	private static final byte[] ONE_TO_FOUR = { 1, 2, 3, 4 };

	static Stream<Arguments> textPackets() {
		return Stream.of(arguments("0{\"sid\":\"abc\"}", EnginePacketType.OPEN, "{\"sid\":\"abc\"}"),
				arguments("1", EnginePacketType.CLOSE, ""), arguments("2", EnginePacketType.PING, ""),
				arguments("2probe", EnginePacketType.PING, "probe"), arguments("3", EnginePacketType.PONG, ""),
				arguments("3probe", EnginePacketType.PONG, "probe"),
				arguments("4hello", EnginePacketType.MESSAGE, "hello"), arguments("4", EnginePacketType.MESSAGE, ""),
				arguments("4héllo €", EnginePacketType.MESSAGE, "héllo €"),
				arguments("4a\u001fb", EnginePacketType.MESSAGE, "a\u001fb"),
				arguments("5", EnginePacketType.UPGRADE, ""), arguments("6", EnginePacketType.NOOP, ""));
	}

	@ParameterizedTest
	@MethodSource("textPackets")
	void textPacketIsDecoded(String wire, EnginePacketType type, String text) {
		EnginePacket packet = EnginePayloadCodec.decodePacket(wire);
		assertThat(packet.type()).isEqualTo(type);
		assertThat(packet.isBinary()).isFalse();
		assertThat(packet.text()).isEqualTo(text);
	}

	@ParameterizedTest
	@MethodSource("textPackets")
	void textPacketRoundTrips(String wire, EnginePacketType type, String text) {
		EnginePacket packet = EnginePacket.of(type, text);
		assertThat(packet.pollingForm()).isEqualTo(wire);
		assertThat(new String(packet.textFrame(), StandardCharsets.UTF_8)).isEqualTo(wire);
		assertThat(EnginePayloadCodec.encodePayload(List.of(packet))).isEqualTo(wire);
	}

	@Test
	void binaryMessageIsDecodedFromBase64() {
		EnginePacket packet = EnginePayloadCodec.decodePacket("bAQIDBA==");
		assertThat(packet.type()).isEqualTo(EnginePacketType.MESSAGE);
		assertThat(packet.isBinary()).isTrue();
		assertThat(packet.binary()).containsExactly(ONE_TO_FOUR);
	}

	@Test
	void binaryMessageInBase64LinesIsDecoded() {
		// The Java client's base64: wrapped lines and a trailing newline
		List<EnginePacket> packets = EnginePayloadCodec.decodePayload("bAQID\n\u001ebAQ\r\nIDBA==\n", 10);
		assertThat(packets).hasSize(2);
		assertThat(packets.get(0).binary()).containsExactly(1, 2, 3);
		assertThat(packets.get(1).binary()).containsExactly(ONE_TO_FOUR);
	}

	@Test
	void binaryMessageIsEncodedAsBase64WithoutTypeDigit() {
		assertThat(EnginePacket.message(ONE_TO_FOUR).pollingForm()).isEqualTo("bAQIDBA==");
	}

	@Test
	void emptyBinaryMessageRoundTrips() {
		EnginePacket packet = EnginePacket.message(new byte[0]);
		assertThat(packet.pollingForm()).isEqualTo("b");
		assertThat(EnginePayloadCodec.decodePacket("b").binary()).isEmpty();
	}

	@Test
	void binaryPacketHasNoTextAndTextPacketHasNoBinary() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> EnginePacket.message(ONE_TO_FOUR).text());
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> EnginePacket.message("hello").binary());
	}

	static Stream<Arguments> payloads() {
		return Stream.of(arguments("4hello", List.of(EnginePacket.message("hello"))),
				arguments("4hello\u001e2\u001e4world",
						List.of(EnginePacket.message("hello"), EnginePacket.PING, EnginePacket.message("world"))),
				arguments("4test1\u001e4test2\u001e4test3",
						List.of(EnginePacket.message("test1"), EnginePacket.message("test2"),
								EnginePacket.message("test3"))),
				arguments("4hello\u001ebAQIDBA==",
						List.of(EnginePacket.message("hello"), EnginePacket.message(ONE_TO_FOUR))),
				arguments("6\u001e1", List.of(EnginePacket.NOOP, EnginePacket.CLOSE)));
	}

	@ParameterizedTest
	@MethodSource("payloads")
	void payloadIsDecodedInOrder(String payload, List<EnginePacket> expected) {
		List<EnginePacket> packets = EnginePayloadCodec.decodePayload(payload, 100);
		assertThat(packets).hasSameSizeAs(expected);
		for (int i = 0; i < packets.size(); i++) {
			assertThat(packets.get(i).pollingForm()).isEqualTo(expected.get(i).pollingForm());
			assertThat(packets.get(i).type()).isEqualTo(expected.get(i).type());
		}
	}

	@ParameterizedTest
	@MethodSource("payloads")
	void payloadIsEncodedWithRecordSeparators(String payload, List<EnginePacket> packets) {
		assertThat(EnginePayloadCodec.encodePayload(packets)).isEqualTo(payload);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "", "7", "9hello", "abc", "x", "/", "{\"a\":1}", " 4hello", "bAQIDB", "b!!!!", "bAQIDBA=x" })
	void malformedPacketIsRejected(String wire) {
		assertThatExceptionOfType(EngineIoParseException.class).isThrownBy(() -> EnginePayloadCodec.decodePacket(wire));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "\u001e", "4hello\u001e", "\u001e4hello", "4a\u001e\u001e4b", "4hello\u001eabc",
			"4hello\u001ebAQIDB" })
	void malformedPayloadIsRejected(String payload) {
		assertThatExceptionOfType(EngineIoParseException.class)
			.isThrownBy(() -> EnginePayloadCodec.decodePayload(payload, 100));
	}

	@Test
	void payloadWithMorePacketsThanAllowedIsRejected() {
		assertThat(EnginePayloadCodec.decodePayload("4a\u001e4b\u001e4c", 3)).hasSize(3);
		assertThatExceptionOfType(EngineIoParseException.class)
			.isThrownBy(() -> EnginePayloadCodec.decodePayload("4a\u001e4b\u001e4c\u001e4d", 3))
			.withMessageContaining("3 packets");
	}

	@Test
	void unknownPacketTypeIsNamedInTheError() {
		assertThatExceptionOfType(EngineIoParseException.class)
			.isThrownBy(() -> EnginePayloadCodec.decodePacket("7hello"))
			.withMessageContaining("'7'");
	}

	@Test
	void packetTypeIsFoundByItsDigit() {
		for (EnginePacketType type : EnginePacketType.values()) {
			assertThat(EnginePacketType.fromDigit(type.digit())).isSameAs(type);
		}
		assertThat(EnginePacketType.fromDigit('7')).isNull();
		assertThat(EnginePacketType.fromDigit('/')).isNull();
		assertThat(EnginePacketType.fromDigit('b')).isNull();
	}

}
