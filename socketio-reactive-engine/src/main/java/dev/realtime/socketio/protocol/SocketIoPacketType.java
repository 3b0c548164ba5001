package dev.realtime.socketio.protocol;

import org.jspecify.annotations.Nullable;

/**
 * The Socket.IO v5 packet types, identified on the wire by a single decimal digit.
 *
 * @since 0.1.0
 */
public enum SocketIoPacketType {

	/**
	 * Connection to a namespace: the client's request (optional auth object) or the
	 * server's answer.
	 */
	CONNECT(0),

	/** Disconnection from a namespace; carries no payload. */
	DISCONNECT(1),

	/** An event: a JSON array whose first element is the event name. */
	EVENT(2),

	/** The acknowledgement of an event that carried an ack id. */
	ACK(3),

	/** A refused namespace connection. */
	CONNECT_ERROR(4),

	/** An {@link #EVENT} whose arguments contain binary values sent as attachments. */
	BINARY_EVENT(5),

	/** An {@link #ACK} whose arguments contain binary values sent as attachments. */
	BINARY_ACK(6);

	private static final SocketIoPacketType[] BY_ID = values();

	private final int id;

	SocketIoPacketType(int id) {
		this.id = id;
	}

	/**
	 * Return the numeric id of this type, as written on the wire.
	 * @return the id, from 0 to 6
	 */
	public int id() {
		return this.id;
	}

	/**
	 * Return whether this type is {@link #EVENT} or {@link #BINARY_EVENT}.
	 * @return {@code true} for both event types
	 */
	public boolean isEvent() {
		return this == EVENT || this == BINARY_EVENT;
	}

	/**
	 * Return whether this type is {@link #ACK} or {@link #BINARY_ACK}.
	 * @return {@code true} for both ack types
	 */
	public boolean isAck() {
		return this == ACK || this == BINARY_ACK;
	}

	/**
	 * Return whether packets of this type are followed by binary attachments.
	 * @return {@code true} for {@link #BINARY_EVENT} and {@link #BINARY_ACK}
	 */
	public boolean isBinary() {
		return this == BINARY_EVENT || this == BINARY_ACK;
	}

	/**
	 * Return the type written as the given character, or {@code null} if the character is
	 * not a known packet type.
	 * @param c the first character of a packet
	 * @return the matching type, or {@code null}
	 */
	public static @Nullable SocketIoPacketType of(char c) {
		int id = c - '0';
		return (id >= 0 && id < BY_ID.length) ? BY_ID[id] : null;
	}

	/**
	 * Return the type with the given numeric id.
	 * @param id the id, from 0 to 6
	 * @return the matching type
	 * @throws IllegalArgumentException if no type has this id
	 */
	public static SocketIoPacketType fromId(int id) {
		if (id < 0 || id >= BY_ID.length) {
			throw new IllegalArgumentException("Unknown Socket.IO packet type id: " + id);
		}
		return BY_ID[id];
	}

}
