package dev.realtime.socketio.engine.packet;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One Engine.IO packet: a type and either a text payload (possibly empty) or, for
 * messages only, a binary payload.
 * <p>
 * Packets are immutable and may be shared by many sessions: a broadcast encodes its
 * packets once and hands the same instances to every recipient. The wire forms (UTF-8
 * bytes for a WebSocket text frame, {@code b}+base64 for polling) are computed on first
 * use and cached.
 *
 * @since 0.1.0
 */
public final class EnginePacket {

	private static final byte[] EMPTY = new byte[0];

	/** The {@code ping} packet the server sends as a heartbeat. */
	public static final EnginePacket PING = new EnginePacket(EnginePacketType.PING, "", null);

	/** The {@code pong} packet. */
	public static final EnginePacket PONG = new EnginePacket(EnginePacketType.PONG, "", null);

	/** The {@code noop} packet that releases a pending poll. */
	public static final EnginePacket NOOP = new EnginePacket(EnginePacketType.NOOP, "", null);

	/** The {@code close} packet. */
	public static final EnginePacket CLOSE = new EnginePacket(EnginePacketType.CLOSE, "", null);

	private final EnginePacketType type;

	private final @Nullable String text;

	private final byte @Nullable [] binary;

	private volatile byte @Nullable [] textFrame;

	private volatile @Nullable String pollingForm;

	/** The length of the text frame, -1 until computed. */
	private volatile int textFrameLength = -1;

	private EnginePacket(EnginePacketType type, @Nullable String text, byte @Nullable [] binary) {
		this.type = type;
		this.text = text;
		this.binary = binary;
	}

	/**
	 * Create a packet of the given type with a text payload.
	 * @param type the packet type
	 * @param text the payload, empty for none
	 * @return the packet
	 */
	public static EnginePacket of(EnginePacketType type, String text) {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(text, "text");
		return new EnginePacket(type, text, null);
	}

	/**
	 * Create a text message packet.
	 * @param text the message
	 * @return the packet
	 */
	public static EnginePacket message(String text) {
		return of(EnginePacketType.MESSAGE, text);
	}

	/**
	 * Create a binary message packet. The array is not copied: do not modify it
	 * afterwards.
	 * @param data the message bytes
	 * @return the packet
	 */
	public static EnginePacket message(byte[] data) {
		Objects.requireNonNull(data, "data");
		return new EnginePacket(EnginePacketType.MESSAGE, null, data);
	}

	/**
	 * Return the packet type.
	 * @return the type
	 */
	public EnginePacketType type() {
		return this.type;
	}

	/**
	 * Whether this packet carries a binary payload.
	 * @return {@code true} for a binary message
	 */
	public boolean isBinary() {
		return this.binary != null;
	}

	/**
	 * Return the text payload, empty when the packet has none.
	 * @return the text payload
	 * @throws IllegalStateException for a binary packet
	 */
	public String text() {
		if (this.text == null) {
			throw new IllegalStateException("Binary packet has no text payload");
		}
		return this.text;
	}

	/**
	 * Return the binary payload (not a copy).
	 * @return the bytes
	 * @throws IllegalStateException for a text packet
	 */
	public byte[] binary() {
		if (this.binary == null) {
			throw new IllegalStateException("Text packet has no binary payload");
		}
		return this.binary;
	}

	/**
	 * Return an estimate of the packet's size on the wire, in bytes, cheap to compute.
	 * @return the estimated size
	 */
	public int estimatedSize() {
		byte[] binary = this.binary;
		if (binary != null) {
			return binary.length * 4 / 3 + 2;
		}
		String text = this.text;
		return (text != null) ? text.length() + 1 : 1;
	}

	/**
	 * Return the UTF-8 bytes of the text wire form (type digit and payload), as sent in a
	 * WebSocket text frame. Cached: callers must not modify the array.
	 * @return the bytes of the text frame
	 */
	public byte[] textFrame() {
		byte[] frame = this.textFrame;
		if (frame == null) {
			frame = (this.text != null) ? encodeText(this.type, this.text) : EMPTY;
			this.textFrame = frame;
		}
		return frame;
	}

	/**
	 * Return the length of {@link #textFrame()}, without encoding it when it is not
	 * cached: the type digit and the UTF-8 length of the payload, an unpaired surrogate
	 * counting as the one byte it is replaced with.
	 * @return the number of bytes of the text frame, 0 for a binary packet
	 */
	public int textFrameLength() {
		byte[] frame = this.textFrame;
		if (frame != null) {
			return frame.length;
		}
		int length = this.textFrameLength;
		if (length < 0) {
			length = (this.text != null) ? 1 + utf8Length(this.text) : 0;
			this.textFrameLength = length;
		}
		return length;
	}

	private static int utf8Length(String text) {
		int length = text.length();
		int bytes = length;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				continue;
			}
			if (c < 0x800) {
				bytes += 1;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
				// Four bytes for the two chars
				bytes += 2;
				i++;
			}
			else if (!Character.isSurrogate(c)) {
				bytes += 2;
			}
		}
		return bytes;
	}

	/**
	 * Return the form of this packet inside a long-polling payload: the type digit and
	 * the text, or {@code b} and the base64 of a binary message.
	 * @return the polling form
	 */
	public String pollingForm() {
		String form = this.pollingForm;
		if (form == null) {
			form = (this.binary != null) ? "b" + Base64.getEncoder().encodeToString(this.binary)
					: this.type.digit() + this.text;
			this.pollingForm = form;
		}
		return form;
	}

	private static byte[] encodeText(EnginePacketType type, String text) {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		byte[] frame = new byte[payload.length + 1];
		frame[0] = (byte) type.digit();
		System.arraycopy(payload, 0, frame, 1, payload.length);
		return frame;
	}

	@Override
	public String toString() {
		return (this.binary != null) ? "EnginePacket[binary, " + this.binary.length + " bytes]"
				: "EnginePacket[" + this.type + ", " + this.text + "]";
	}

}
