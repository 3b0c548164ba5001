package dev.realtime.socketio.engine.packet;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Encodes and decodes Engine.IO v4 packets and long-polling payloads.
 * <p>
 * EIO4: a payload is a sequence of packets separated by the record separator
 * {@code 0x1e}, with binary messages written as {@code b} followed by base64.
 *
 * @since 0.1.0
 */
public final class EnginePayloadCodec {

	/** The record separator between packets of a long-polling payload. */
	public static final char SEPARATOR = '\u001e';

	private EnginePayloadCodec() {
	}

	/**
	 * Decode one text packet, as received in a WebSocket text frame or a payload entry.
	 * @param text the packet
	 * @return the packet
	 * @throws EngineIoParseException when the text is not a packet
	 */
	public static EnginePacket decodePacket(String text) {
		if (text.isEmpty()) {
			throw new EngineIoParseException("Empty packet");
		}
		char first = text.charAt(0);
		if (first == 'b') {
			return EnginePacket.message(decodeBase64(text, 1, text.length()));
		}
		EnginePacketType type = EnginePacketType.fromDigit(first);
		if (type == null) {
			throw new EngineIoParseException("Unknown packet type '" + first + "'");
		}
		return EnginePacket.of(type, text.substring(1));
	}

	/**
	 * Decode a long-polling payload into its packets.
	 * @param payload the request body
	 * @param maxPackets the most packets accepted in one payload
	 * @return the packets, in order
	 * @throws EngineIoParseException when an entry is not a packet or there are too many
	 */
	public static List<EnginePacket> decodePayload(String payload, int maxPackets) {
		List<EnginePacket> packets = new ArrayList<>(4);
		int start = 0;
		int length = payload.length();
		while (start <= length) {
			int end = payload.indexOf(SEPARATOR, start);
			if (end < 0) {
				end = length;
			}
			if (packets.size() == maxPackets) {
				throw new EngineIoParseException("Payload holds more than " + maxPackets + " packets");
			}
			packets.add(decodePacket(payload.substring(start, end)));
			start = end + 1;
		}
		return packets;
	}

	/**
	 * Encode packets into one long-polling payload.
	 * @param packets the packets, at least one
	 * @return the payload
	 */
	public static String encodePayload(List<EnginePacket> packets) {
		if (packets.size() == 1) {
			return packets.get(0).pollingForm();
		}
		StringBuilder payload = new StringBuilder(64 * packets.size());
		for (int i = 0; i < packets.size(); i++) {
			if (i > 0) {
				payload.append(SEPARATOR);
			}
			payload.append(packets.get(i).pollingForm());
		}
		return payload.toString();
	}

	private static byte[] decodeBase64(String text, int from, int to) {
		try {
			return Base64.getDecoder().decode(withoutWhitespace(text, from, to));
		}
		catch (IllegalArgumentException ex) {
			throw new EngineIoParseException("Invalid base64 in binary packet: " + ex.getMessage());
		}
	}

	/**
	 * The base64 text without its line breaks and spaces: the Java client (io.socket)
	 * wraps its base64 in lines and ends it with a newline, and the reference server's
	 * decoder skips whitespace. Anything else that is not base64 is still an error.
	 */
	private static String withoutWhitespace(String text, int from, int to) {
		int i = from;
		while (i < to && !isWhitespace(text.charAt(i))) {
			i++;
		}
		if (i == to) {
			return text.substring(from, to);
		}
		StringBuilder stripped = new StringBuilder(to - from).append(text, from, i);
		for (; i < to; i++) {
			char c = text.charAt(i);
			if (!isWhitespace(c)) {
				stripped.append(c);
			}
		}
		return stripped.toString();
	}

	private static boolean isWhitespace(char c) {
		return c == '\n' || c == '\r' || c == ' ' || c == '\t';
	}

}
