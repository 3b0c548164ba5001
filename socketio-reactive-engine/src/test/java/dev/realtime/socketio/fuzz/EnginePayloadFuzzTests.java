package dev.realtime.socketio.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;

import dev.realtime.socketio.engine.packet.EngineIoParseException;
import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.engine.packet.EnginePayloadCodec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes {@link EnginePayloadCodec}: any text is either decoded or refused with an
 * {@link EngineIoParseException}, within the packet limit, and what is decoded survives
 * an encode/decode round trip.
 * <p>
 * An input is the UTF-8 text of a long-polling POST body; the same text is also decoded
 * as a single WebSocket text frame. Seeds:
 * {@code EnginePayloadFuzzTestsInputs/<method>/}.
 */
@Tag("fuzz")
class EnginePayloadFuzzTests {

	private static final int MAX_PACKETS = 16;

	@FuzzTest(maxDuration = "15s")
	void payloadDecodesOrFailsWithParseException(byte[] input) {
		String text = new String(input, StandardCharsets.UTF_8);
		// Decoding copies the text a few times over at most (substring, base64, UTF-16)
		long budget = 64L * 1024 + 32L * text.length();
		assertThat(AllocationMeter.allocatedBy(budget, () -> {
			decodePayload(text);
			decodePacket(text);
		})).isLessThan(budget);
		List<EnginePacket> packets = decodePayload(text);
		EnginePacket frame = decodePacket(text);
		if (packets != null) {
			assertThat(packets).isNotEmpty().hasSizeLessThanOrEqualTo(MAX_PACKETS);
			List<EnginePacket> again = EnginePayloadCodec.decodePayload(EnginePayloadCodec.encodePayload(packets),
					MAX_PACKETS);
			assertThat(again).hasSameSizeAs(packets);
			for (int i = 0; i < packets.size(); i++) {
				assertSamePacket(again.get(i), packets.get(i));
			}
		}
		if (frame != null) {
			assertSamePacket(EnginePayloadCodec.decodePacket(frame.pollingForm()), frame);
		}
	}

	private static @Nullable List<EnginePacket> decodePayload(String text) {
		try {
			return EnginePayloadCodec.decodePayload(text, MAX_PACKETS);
		}
		catch (EngineIoParseException ex) {
			return null;
		}
	}

	private static @Nullable EnginePacket decodePacket(String text) {
		try {
			return EnginePayloadCodec.decodePacket(text);
		}
		catch (EngineIoParseException ex) {
			return null;
		}
	}

	private static void assertSamePacket(EnginePacket actual, EnginePacket expected) {
		assertThat(actual.type()).isEqualTo(expected.type());
		assertThat(actual.isBinary()).isEqualTo(expected.isBinary());
		if (expected.isBinary()) {
			assertThat(actual.binary()).isEqualTo(expected.binary());
		}
		else {
			assertThat(actual.text()).isEqualTo(expected.text());
		}
	}

}
