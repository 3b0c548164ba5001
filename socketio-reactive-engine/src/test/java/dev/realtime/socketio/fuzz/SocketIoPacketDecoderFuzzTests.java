package dev.realtime.socketio.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.realtime.socketio.protocol.EncodedPacket;
import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.protocol.SocketIoPacketDecoder;
import dev.realtime.socketio.protocol.SocketIoPacketEncoder;
import dev.realtime.socketio.protocol.SocketIoParseException;
import dev.realtime.socketio.protocol.SocketIoParserLimits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Fuzzes {@link SocketIoPacketDecoder} with sequences of text packets and binary
 * attachments, as one connection delivers them: every step either succeeds or fails with
 * a {@link SocketIoParseException}, the decoder's state stays consistent, allocation
 * follows the input and the limits (never a count the input only declares), and every
 * decoded packet can be encoded again and decodes to the same packet.
 * <p>
 * An input is a sequence of messages separated by {@code 0x1e}, as in a long-polling
 * payload: a message starting with {@code b} is a binary attachment (its remaining raw
 * bytes, no base64), any other message is the UTF-8 text of a packet. Each sequence is
 * decoded twice: with the default limits, and with limits so permissive that only the
 * input bounds the work. Seeds: {@code SocketIoPacketDecoderFuzzTestsInputs/<method>/}.
 */
@Tag("fuzz")
class SocketIoPacketDecoderFuzzTests {

	private static final JsonMapper json = JsonMapper.shared();

	private static final SocketIoParserLimits permissive = SocketIoParserLimits.builder()
		.maxAttachments(Integer.MAX_VALUE)
		.maxNestingDepth(1000)
		.maxEventNameLength(Integer.MAX_VALUE)
		.build();

	private static final SocketIoPacketEncoder encoder = new SocketIoPacketEncoder(json);

	private static final byte SEPARATOR = 0x1e;

	@FuzzTest(maxDuration = "15s")
	void packetSequencesDecodeOrFailWithParseException(byte[] input) {
		List<byte[]> messages = split(input);
		// Tree nodes, a few copies of the text, the attachments and a parse error per
		// message: a
		// bounded factor of the input, however many attachments or how deep the input
		// claims to be
		long budget = 256L * 1024 + 256L * input.length + 32L * 1024 * messages.size();
		for (SocketIoParserLimits limits : List.of(SocketIoParserLimits.defaults(), permissive)) {
			assertThat(AllocationMeter.allocatedBy(budget, () -> decodeAll(messages, limits))).as(limits.toString())
				.isLessThan(budget);
		}
	}

	@Test
	void billionDeclaredAttachmentsFailFastWithoutAllocating() {
		String header = "51000000000-[\"a\",{\"_placeholder\":true,\"num\":0}]";
		assertRefusedCheaply(SocketIoParserLimits.defaults(), header);
		assertRefusedCheaply(permissive, header);
		assertRefusedCheaply(permissive, "61000000000-/admin,7[{\"_placeholder\":true,\"num\":999999999}]");
	}

	@Test
	void nestingPastTheLimitFailsFastWithoutAllocating() {
		SocketIoParserLimits strict = SocketIoParserLimits.builder().maxNestingDepth(32).build();
		String nested = "[".repeat(100) + "]".repeat(100);
		assertRefusedCheaply(strict, "2[\"a\"," + nested + "]");
		assertRefusedCheaply(strict, "3/admin,1" + nested);
		assertRefusedCheaply(strict, "0{\"a\":" + nested + "}");
		// The default limit (500 levels) stops an unclosed input long before its end.
		assertRefusedCheaply(SocketIoParserLimits.defaults(), "2" + "[".repeat(100_000));
	}

	private static void assertRefusedCheaply(SocketIoParserLimits limits, String text) {
		SocketIoPacketDecoder decoder = new SocketIoPacketDecoder(json, limits);
		long budget = 64L * 1024 + 16L * text.length();
		assertThat(AllocationMeter.allocatedBy(budget, () -> assertThatExceptionOfType(SocketIoParseException.class)
			.isThrownBy(() -> decoder.decodeText(text)))).isLessThan(budget);
		assertThat(decoder.awaitingAttachments()).isFalse();
	}

	private static void decodeAll(List<byte[]> messages, SocketIoParserLimits limits) {
		SocketIoPacketDecoder decoder = new SocketIoPacketDecoder(json, limits);
		List<byte[]> attachments = new ArrayList<>();
		for (byte[] message : messages) {
			boolean awaiting = decoder.awaitingAttachments();
			SocketIoPacket packet;
			try {
				if (message.length > 0 && message[0] == 'b') {
					byte[] attachment = Arrays.copyOfRange(message, 1, message.length);
					attachments.add(attachment);
					packet = decoder.decodeBinary(attachment);
					assertThat(awaiting).as("attachment accepted without a pending binary packet").isTrue();
				}
				else {
					attachments.clear();
					packet = decoder.decodeText(new String(message, StandardCharsets.UTF_8));
					assertThat(awaiting).as("text packet accepted while attachments are expected").isFalse();
				}
			}
			catch (SocketIoParseException ex) {
				assertWellFormed(ex);
				assertThat(decoder.awaitingAttachments()).as("partial packet kept after a parse error").isFalse();
				attachments.clear();
				continue;
			}
			if (packet == null) {
				assertThat(decoder.awaitingAttachments()).isTrue();
			}
			else {
				assertThat(decoder.awaitingAttachments()).isFalse();
				assertRoundTrip(packet, attachments, limits);
				attachments.clear();
			}
		}
	}

	private static void assertWellFormed(SocketIoParseException ex) {
		assertThat(ex.getMessage()).isNotBlank();
		Throwable cause = ex.getCause();
		if (cause != null && !(cause instanceof JacksonException)) {
			// The decoder turned an unexpected exception into a parse error: a bug it
			// hides
			throw new AssertionError("Parse error caused by " + cause, cause);
		}
	}

	private static void assertRoundTrip(SocketIoPacket packet, List<byte[]> attachments, SocketIoParserLimits limits) {
		EncodedPacket encoded = encoder.encode(packet);
		assertThat(encoded.attachments()).hasSameSizeAs(attachments);
		if (hasNonFiniteNumber(packet.data())) {
			// Like JSON.stringify, the encoder writes Infinity (from 1e400) and NaN as
			// null: the
			// packet may then break its type's rules, as an event named null does
			return;
		}
		SocketIoPacketDecoder decoder = new SocketIoPacketDecoder(json, limits);
		SocketIoPacket decoded = decoder.decodeText(encoded.text());
		for (byte[] attachment : encoded.attachments()) {
			assertThat(decoded).isNull();
			decoded = decoder.decodeBinary(attachment);
		}
		assertThat(decoded).isNotNull();
		assertThat(decoded.type()).isEqualTo(packet.type());
		assertThat(decoded.namespace()).isEqualTo(packet.namespace());
		assertThat(decoded.ackId()).isEqualTo(packet.ackId());
		assertThat(encoder.encode(decoded).text()).isEqualTo(encoded.text());
	}

	private static boolean hasNonFiniteNumber(@Nullable JsonNode node) {
		if (node == null) {
			return false;
		}
		if (node.isFloatingPointNumber()) {
			return !Double.isFinite(node.doubleValue());
		}
		for (JsonNode child : node.values()) {
			if (hasNonFiniteNumber(child)) {
				return true;
			}
		}
		return false;
	}

	private static List<byte[]> split(byte[] input) {
		List<byte[]> messages = new ArrayList<>();
		int start = 0;
		for (int i = 0; i <= input.length; i++) {
			if (i == input.length || input[i] == SEPARATOR) {
				messages.add(Arrays.copyOfRange(input, start, i));
				start = i + 1;
			}
		}
		return messages;
	}

}
