package dev.realtime.socketio.engine.packet;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Eio3PayloadCodec}, with the examples of the Engine.IO v3 protocol
 * (docs/protocol.md 1.11) and of the reference parser (engine.io-parser 2.x).
 */
class Eio3PayloadCodecTests {

	private static final byte FF = (byte) 0xff;

	@Test
	void textPayloadIsDecoded() {
		List<EnginePacket> packets = Eio3PayloadCodec.decodePayload("6:4hello2:4€1:2", 10);
		assertThat(packets).hasSize(3);
		assertThat(packets.get(0).text()).isEqualTo("hello");
		assertThat(packets.get(1).text()).isEqualTo("€");
		assertThat(packets.get(2).type()).isEqualTo(EnginePacketType.PING);
	}

	@Test
	void lengthsCountUtf16CodeUnits() {
		// One code point outside the BMP is two UTF-16 code units, as String.length in JS
		assertThat(Eio3PayloadCodec.decodePayload("3:4😀", 10).get(0).text()).isEqualTo("😀");
		assertThat(Eio3PayloadCodec.encodePayload(List.of(EnginePacket.message("😀")))).isEqualTo("3:4😀");
	}

	@Test
	void textPayloadIsEncodedWithBase64Binary() {
		String payload = Eio3PayloadCodec
			.encodePayload(List.of(EnginePacket.message("hi"), EnginePacket.message(new byte[] { 1, 2, 3 })));
		assertThat(payload).isEqualTo("3:4hi6:b4AQID");
	}

	@Test
	void base64MessageIsDecoded() {
		EnginePacket packet = Eio3PayloadCodec.decodePacket("b4AQID");
		assertThat(packet.isBinary()).isTrue();
		assertThat(packet.binary()).containsExactly(1, 2, 3);
	}

	@Test
	void emptyEntriesAreSkipped() {
		assertThat(Eio3PayloadCodec.decodePayload("0:1:6", 10)).singleElement()
			.extracting(EnginePacket::type)
			.isEqualTo(EnginePacketType.NOOP);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "4hello", "6:4hell", "x:4", ":4", "2:4a3", "1:x", "2:b5", "99999999999999999999:4" })
	void malformedTextPayloadIsRejected(String payload) {
		assertThatExceptionOfType(EngineIoParseException.class)
			.isThrownBy(() -> Eio3PayloadCodec.decodePayload(payload, 10));
	}

	@Test
	void payloadWithTooManyPacketsIsRejected() {
		assertThatExceptionOfType(EngineIoParseException.class)
			.isThrownBy(() -> Eio3PayloadCodec.decodePayload("1:21:21:2", 2));
	}

	@Test
	void binaryPayloadRoundTrips() {
		byte[] payload = { 0, 3, FF, '4', 'h', 'i', 1, 4, FF, 4, 1, 2, 3, 0, 1, FF, '2' };
		List<EnginePacket> packets = Eio3PayloadCodec.decodePayload(payload, 10);
		assertThat(packets).hasSize(3);
		assertThat(packets.get(0).text()).isEqualTo("hi");
		assertThat(packets.get(1).binary()).containsExactly(1, 2, 3);
		assertThat(packets.get(2).type()).isEqualTo(EnginePacketType.PING);
		assertThat(Eio3PayloadCodec.encodeBinaryPayload(packets)).containsExactly(payload);
	}

	@Test
	void binaryPayloadTextIsUtf8() {
		byte[] encoded = Eio3PayloadCodec.encodeBinaryPayload(List.of(EnginePacket.message("é")));
		assertThat(encoded).containsExactly(0, 3, FF, '4', 0xc3, 0xa9);
		assertThat(Eio3PayloadCodec.decodePayload(encoded, 10).get(0).text()).isEqualTo("é");
	}

	@Test
	void malformedBinaryPayloadIsRejected() {
		for (byte[] payload : List.of(new byte[] { 2, 1, FF, '2' }, new byte[] { 0, 9, FF, '2' }, new byte[] { 0, 1 },
				new byte[] { 0, FF, '2' }, new byte[] { 1, 2, FF, 2, 0 }, new byte[] { 0, 12 })) {
			assertThatExceptionOfType(EngineIoParseException.class).as("%s", java.util.Arrays.toString(payload))
				.isThrownBy(() -> Eio3PayloadCodec.decodePayload(payload, 10));
		}
	}

	@Test
	void binaryFrameCarriesTheTypeByte() {
		assertThat(Eio3PayloadCodec.decodeBinaryPacket(new byte[] { 4, 7 }).binary()).containsExactly(7);
		assertThatExceptionOfType(EngineIoParseException.class)
			.isThrownBy(() -> Eio3PayloadCodec.decodeBinaryPacket(new byte[0]));
		assertThatExceptionOfType(EngineIoParseException.class)
			.isThrownBy(() -> Eio3PayloadCodec.decodeBinaryPacket(new byte[] { 2, 7 }));
	}

	@Test
	void textFormOfABinaryMessageIsB4AndBase64() {
		assertThat(Eio3PayloadCodec.textForm(EnginePacket.message(new byte[] { 1, 2, 3 }))).isEqualTo("b4AQID");
		assertThat(Eio3PayloadCodec.textForm(EnginePacket.PONG)).isEqualTo("3");
	}

}
