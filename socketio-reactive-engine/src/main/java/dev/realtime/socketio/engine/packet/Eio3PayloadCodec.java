package dev.realtime.socketio.engine.packet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Encodes and decodes the packets and long-polling payloads of Engine.IO v3, the protocol
 * of Socket.IO 2.x clients (docs/protocol.md 1.11).
 * <p>
 * EIO3 differs from EIO4 in its framing only:
 * <ul>
 * <li>a text payload is a concatenation of {@code <length>:<packet>}, the length counted
 * in UTF-16 code units, as JavaScript's {@code String.length} counts them:
 * {@code 6:4hello2:4€};</li>
 * <li>a binary message in a text payload, or in a text frame, is {@code b4} and the
 * base64 of its bytes;</li>
 * <li>a client that can send and read binary HTTP bodies (XHR2) gets a binary payload
 * whenever there is binary to send: each packet is preceded by {@code 0} (text) or
 * {@code 1} (binary), its length as one byte per decimal digit, and {@code 0xff}; a text
 * packet is then its UTF-8 bytes, a binary one its type byte and its bytes;</li>
 * <li>a binary WebSocket frame starts with the packet type byte ({@code 4}).</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class Eio3PayloadCodec {

	private static final byte MESSAGE = (byte) (EnginePacketType.MESSAGE.digit() - '0');

	private static final int TEXT_MARKER = 0;

	private static final int BINARY_MARKER = 1;

	private static final int LENGTH_END = 0xff;

	private Eio3PayloadCodec() {
	}

	/**
	 * Decode one text packet: a type digit and its text, or {@code b}, the type digit and
	 * base64.
	 * @param text the packet
	 * @return the packet
	 * @throws EngineIoParseException when the text is not a packet
	 */
	public static EnginePacket decodePacket(String text) {
		if (text.isEmpty() || text.charAt(0) != 'b') {
			return EnginePayloadCodec.decodePacket(text);
		}
		if (text.length() < 2 || text.charAt(1) != EnginePacketType.MESSAGE.digit()) {
			throw new EngineIoParseException("Base64 packet is not a message");
		}
		return EnginePacket.message(decodeBase64(text.substring(2)));
	}

	/**
	 * Decode a binary WebSocket frame: the packet type byte, then the message bytes.
	 * @param frame the frame's bytes
	 * @return the message packet
	 * @throws EngineIoParseException when the frame is not a binary message
	 */
	public static EnginePacket decodeBinaryPacket(byte[] frame) {
		if (frame.length == 0 || frame[0] != MESSAGE) {
			throw new EngineIoParseException("Binary frame is not a message");
		}
		return EnginePacket.message(Arrays.copyOfRange(frame, 1, frame.length));
	}

	/**
	 * Return the text form of a packet: its type digit and text, or {@code b4} and the
	 * base64 of a binary message.
	 * @param packet the packet
	 * @return the text form
	 */
	public static String textForm(EnginePacket packet) {
		if (packet.isBinary()) {
			return "b" + EnginePacketType.MESSAGE.digit() + Base64.getEncoder().encodeToString(packet.binary());
		}
		return packet.type().digit() + packet.text();
	}

	/**
	 * Decode a text long-polling payload.
	 * @param payload the request body
	 * @param maxPackets the most packets accepted in one payload
	 * @return the packets, in order
	 * @throws EngineIoParseException when the payload is malformed or holds too many
	 * packets
	 */
	public static List<EnginePacket> decodePayload(String payload, int maxPackets) {
		if (payload.isEmpty()) {
			throw new EngineIoParseException("Empty payload");
		}
		List<EnginePacket> packets = new ArrayList<>(4);
		int i = 0;
		int length = payload.length();
		while (i < length) {
			int colon = i;
			long n = 0;
			while (colon < length && payload.charAt(colon) != ':') {
				char c = payload.charAt(colon);
				if (c < '0' || c > '9' || n > length) {
					throw new EngineIoParseException("Invalid packet length in payload");
				}
				n = n * 10 + (c - '0');
				colon++;
			}
			if (colon == i || colon == length) {
				throw new EngineIoParseException("Invalid packet length in payload");
			}
			int start = colon + 1;
			if (n > length - start) {
				throw new EngineIoParseException("Packet length exceeds the payload");
			}
			int end = start + (int) n;
			if (end > start) {
				if (packets.size() == maxPackets) {
					throw new EngineIoParseException("Payload holds more than " + maxPackets + " packets");
				}
				packets.add(decodePacket(payload.substring(start, end)));
			}
			i = end;
		}
		return packets;
	}

	/**
	 * Decode a binary long-polling payload ({@code application/octet-stream}).
	 * @param payload the request body
	 * @param maxPackets the most packets accepted in one payload
	 * @return the packets, in order
	 * @throws EngineIoParseException when the payload is malformed or holds too many
	 * packets
	 */
	public static List<EnginePacket> decodePayload(byte[] payload, int maxPackets) {
		List<EnginePacket> packets = new ArrayList<>(4);
		int i = 0;
		while (i < payload.length) {
			int marker = payload[i++];
			if (marker != TEXT_MARKER && marker != BINARY_MARKER) {
				throw new EngineIoParseException("Invalid packet marker in binary payload");
			}
			long n = 0;
			int digits = 0;
			while (i < payload.length && (payload[i] & 0xff) != LENGTH_END) {
				int digit = payload[i++];
				if (digit < 0 || digit > 9 || ++digits > 10) {
					throw new EngineIoParseException("Invalid packet length in binary payload");
				}
				n = n * 10 + digit;
			}
			if (digits == 0 || i == payload.length || n > payload.length - i - 1) {
				throw new EngineIoParseException("Invalid packet length in binary payload");
			}
			int start = i + 1;
			int end = start + (int) n;
			if (packets.size() == maxPackets) {
				throw new EngineIoParseException("Payload holds more than " + maxPackets + " packets");
			}
			packets.add((marker == TEXT_MARKER)
					? decodePacket(new String(payload, start, end - start, StandardCharsets.UTF_8))
					: decodeBinaryPacket(Arrays.copyOfRange(payload, start, end)));
			i = end;
		}
		return packets;
	}

	/**
	 * Encode packets into a text long-polling payload, binary messages in base64.
	 * @param packets the packets
	 * @return the payload
	 */
	public static String encodePayload(List<EnginePacket> packets) {
		if (packets.isEmpty()) {
			return "0:";
		}
		StringBuilder payload = new StringBuilder(64 * packets.size());
		for (int i = 0; i < packets.size(); i++) {
			String form = textForm(packets.get(i));
			payload.append(form.length()).append(':').append(form);
		}
		return payload.toString();
	}

	/**
	 * Encode packets into a binary long-polling payload, for a client that reads binary
	 * bodies.
	 * @param packets the packets
	 * @return the payload
	 */
	public static byte[] encodeBinaryPayload(List<EnginePacket> packets) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(64 * packets.size());
		for (int i = 0; i < packets.size(); i++) {
			EnginePacket packet = packets.get(i);
			if (packet.isBinary()) {
				byte[] data = packet.binary();
				writeHeader(out, BINARY_MARKER, data.length + 1);
				out.write(MESSAGE);
				out.write(data, 0, data.length);
			}
			else {
				byte[] text = packet.textFrame();
				writeHeader(out, TEXT_MARKER, text.length);
				out.write(text, 0, text.length);
			}
		}
		return out.toByteArray();
	}

	/**
	 * Whether any of the packets is a binary message.
	 * @param packets the packets
	 * @return {@code true} if one is binary
	 */
	public static boolean hasBinary(List<EnginePacket> packets) {
		for (int i = 0; i < packets.size(); i++) {
			if (packets.get(i).isBinary()) {
				return true;
			}
		}
		return false;
	}

	private static void writeHeader(ByteArrayOutputStream out, int marker, int length) {
		out.write(marker);
		String digits = Integer.toString(length);
		for (int i = 0; i < digits.length(); i++) {
			out.write(digits.charAt(i) - '0');
		}
		out.write(LENGTH_END);
	}

	private static byte[] decodeBase64(String base64) {
		try {
			return Base64.getMimeDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new EngineIoParseException("Invalid base64 in binary packet: " + ex.getMessage());
		}
	}

}
