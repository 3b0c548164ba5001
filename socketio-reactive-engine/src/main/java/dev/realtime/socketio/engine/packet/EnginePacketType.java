package dev.realtime.socketio.engine.packet;

import org.jspecify.annotations.Nullable;

/**
 * The Engine.IO v4 packet types, identified on the wire by one ASCII digit.
 *
 * @since 0.1.0
 */
public enum EnginePacketType {

	/** Server handshake, carrying the session parameters as JSON. */
	OPEN('0'),

	/** Closes the session. */
	CLOSE('1'),

	/** Heartbeat sent by the server (and {@code 2probe} by an upgrading client). */
	PING('2'),

	/** Heartbeat answer from the client (and {@code 3probe} from the server). */
	PONG('3'),

	/** Application data, text or binary. */
	MESSAGE('4'),

	/** Sent by the client to complete an upgrade to WebSocket. */
	UPGRADE('5'),

	/** Releases a pending long-polling request without data. */
	NOOP('6');

	private static final EnginePacketType[] BY_DIGIT = values();

	private final char digit;

	EnginePacketType(char digit) {
		this.digit = digit;
	}

	/**
	 * Return the digit that identifies this type on the wire.
	 * @return the ASCII digit
	 */
	public char digit() {
		return this.digit;
	}

	/**
	 * Return the type for the given wire digit.
	 * @param c the first character of a text packet
	 * @return the type, or {@code null} when {@code c} is not a packet type
	 */
	public static @Nullable EnginePacketType fromDigit(char c) {
		int index = c - '0';
		return (index >= 0 && index < BY_DIGIT.length) ? BY_DIGIT[index] : null;
	}

}
