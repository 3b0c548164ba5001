package dev.realtime.socketio.protocol;

import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Socket.IO v5 packet: its type, namespace, optional ack id and JSON data.
 * <p>
 * Data conventions: for events and acks an {@link ArrayNode} (the event name first, for
 * events) in which binary values are {@link tools.jackson.databind.node.BinaryNode}s at
 * any depth; for {@link SocketIoPacketType#CONNECT} an {@link ObjectNode} or
 * {@code null}; for {@link SocketIoPacketType#CONNECT_ERROR} an {@link ObjectNode}
 * {@code {"message":..,"data":..}}; no data for {@link SocketIoPacketType#DISCONNECT}.
 * <p>
 * Instances are immutable as long as their data tree is not modified: the tree is not
 * copied, so treat it as read-only once the packet is created.
 *
 * @since 0.1.0
 */
public final class SocketIoPacket {

	/** The namespace every client may connect to. */
	public static final String MAIN_NAMESPACE = "/";

	/** The value of {@link #ackId()} when the packet has no ack id. */
	public static final long NO_ACK_ID = -1;

	/**
	 * Event names a server must not emit and a decoder rejects in incoming events
	 * (docs/protocol.md 2.6): they are the client's own lifecycle events.
	 */
	public static final Set<String> RESERVED_EVENT_NAMES = Set.of("connect", "connect_error", "disconnect",
			"disconnecting", "newListener", "removeListener");

	private final SocketIoPacketType type;

	private final String namespace;

	private final long ackId;

	private final @Nullable JsonNode data;

	SocketIoPacket(SocketIoPacketType type, String namespace, long ackId, @Nullable JsonNode data) {
		this.type = type;
		this.namespace = namespace;
		this.ackId = ackId;
		this.data = data;
	}

	/**
	 * Create a CONNECT packet: a client's request (with its auth object) or the server's
	 * answer (with {@code {"sid":..}}).
	 * @param namespace the namespace, starting with {@code /}
	 * @param payload the auth or answer object, or {@code null} for none
	 * @return the packet
	 */
	public static SocketIoPacket connect(String namespace, @Nullable ObjectNode payload) {
		return new SocketIoPacket(SocketIoPacketType.CONNECT, checkNamespace(namespace), NO_ACK_ID, payload);
	}

	/**
	 * Create a DISCONNECT packet.
	 * @param namespace the namespace, starting with {@code /}
	 * @return the packet
	 */
	public static SocketIoPacket disconnect(String namespace) {
		return new SocketIoPacket(SocketIoPacketType.DISCONNECT, checkNamespace(namespace), NO_ACK_ID, null);
	}

	/**
	 * Create an EVENT packet without ack id. It is encoded as a BINARY_EVENT if its data
	 * contains binary values.
	 * @param namespace the namespace, starting with {@code /}
	 * @param data the event name followed by its arguments
	 * @return the packet
	 */
	public static SocketIoPacket event(String namespace, ArrayNode data) {
		return event(namespace, data, NO_ACK_ID);
	}

	/**
	 * Create an EVENT packet. It is encoded as a BINARY_EVENT if its data contains binary
	 * values.
	 * @param namespace the namespace, starting with {@code /}
	 * @param data the event name followed by its arguments
	 * @param ackId the ack id the receiver must answer with, or {@link #NO_ACK_ID}
	 * @return the packet
	 */
	public static SocketIoPacket event(String namespace, ArrayNode data, long ackId) {
		Objects.requireNonNull(data, "data must not be null");
		if (data.isEmpty()) {
			throw new IllegalArgumentException("Event data must start with the event name");
		}
		if (ackId < NO_ACK_ID) {
			throw new IllegalArgumentException("Invalid ack id: " + ackId);
		}
		return new SocketIoPacket(SocketIoPacketType.EVENT, checkNamespace(namespace), ackId, data);
	}

	/**
	 * Create an ACK packet. It is encoded as a BINARY_ACK if its data contains binary
	 * values.
	 * @param namespace the namespace, starting with {@code /}
	 * @param data the acknowledgement arguments, possibly empty
	 * @param ackId the id of the event being acknowledged
	 * @return the packet
	 */
	public static SocketIoPacket ack(String namespace, ArrayNode data, long ackId) {
		Objects.requireNonNull(data, "data must not be null");
		if (ackId < 0) {
			throw new IllegalArgumentException("Invalid ack id: " + ackId);
		}
		return new SocketIoPacket(SocketIoPacketType.ACK, checkNamespace(namespace), ackId, data);
	}

	/**
	 * Create a CONNECT_ERROR packet.
	 * @param namespace the namespace, starting with {@code /}
	 * @param error the error object, {@code {"message":..}} with an optional
	 * {@code "data"}
	 * @return the packet
	 */
	public static SocketIoPacket connectError(String namespace, ObjectNode error) {
		Objects.requireNonNull(error, "error must not be null");
		return new SocketIoPacket(SocketIoPacketType.CONNECT_ERROR, checkNamespace(namespace), NO_ACK_ID, error);
	}

	/**
	 * Create a CONNECT_ERROR packet with only a message, such as
	 * {@code {"message":"Invalid namespace"}}.
	 * @param namespace the namespace, starting with {@code /}
	 * @param message the error message
	 * @return the packet
	 */
	public static SocketIoPacket connectError(String namespace, String message) {
		Objects.requireNonNull(message, "message must not be null");
		return connectError(namespace, JsonNodeFactory.instance.objectNode().put("message", message));
	}

	/**
	 * Create the ERROR packet of the Socket.IO v4 protocol, which 2.x clients speak: the
	 * type id of CONNECT_ERROR with any JSON value, the error message as a string unless
	 * the application gave data.
	 * @param namespace the namespace, starting with {@code /}
	 * @param error the error value
	 * @return the packet
	 * @since 0.1.0
	 */
	public static SocketIoPacket legacyError(String namespace, JsonNode error) {
		Objects.requireNonNull(error, "error must not be null");
		return new SocketIoPacket(SocketIoPacketType.CONNECT_ERROR, checkNamespace(namespace), NO_ACK_ID, error);
	}

	private static String checkNamespace(String namespace) {
		Objects.requireNonNull(namespace, "namespace must not be null");
		if (namespace.isEmpty() || namespace.charAt(0) != '/') {
			throw new IllegalArgumentException("Namespace must start with '/': " + namespace);
		}
		return namespace;
	}

	/**
	 * Return the type as written on the wire; see {@link #isEvent()} and {@link #isAck()}
	 * to ignore the difference between plain and binary packets.
	 * @return the packet type
	 */
	public SocketIoPacketType type() {
		return this.type;
	}

	/**
	 * Return the namespace of this packet.
	 * @return the namespace, {@code "/"} for the main namespace
	 */
	public String namespace() {
		return this.namespace;
	}

	/**
	 * Return the ack id of this packet.
	 * @return the ack id, or {@link #NO_ACK_ID} if there is none
	 */
	public long ackId() {
		return this.ackId;
	}

	/**
	 * Return whether this packet carries an ack id.
	 * @return {@code true} if {@link #ackId()} is not negative
	 */
	public boolean hasAckId() {
		return this.ackId >= 0;
	}

	/**
	 * Return the JSON data of this packet (see the class documentation for its shape per
	 * type).
	 * @return the data, or {@code null} if the packet has none
	 */
	public @Nullable JsonNode data() {
		return this.data;
	}

	/**
	 * Return the arguments array of an event or ack packet, which the decoder and the
	 * factory methods guarantee.
	 * @return the data as an array
	 * @throws IllegalStateException if this packet is neither an event nor an ack
	 */
	public ArrayNode arrayData() {
		if (this.data instanceof ArrayNode array) {
			return array;
		}
		throw new IllegalStateException("A " + this.type + " packet has no arguments array");
	}

	/**
	 * Return whether this packet is an EVENT or a BINARY_EVENT.
	 * @return {@code true} for both event types
	 */
	public boolean isEvent() {
		return this.type.isEvent();
	}

	/**
	 * Return whether this packet is an ACK or a BINARY_ACK.
	 * @return {@code true} for both ack types
	 */
	public boolean isAck() {
		return this.type.isAck();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof SocketIoPacket that)) {
			return false;
		}
		return this.type == that.type && this.ackId == that.ackId && this.namespace.equals(that.namespace)
				&& Objects.equals(this.data, that.data);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.type, this.namespace, this.ackId, this.data);
	}

	@Override
	public String toString() {
		return "SocketIoPacket[type=" + this.type + ", namespace=" + this.namespace + ", ackId=" + this.ackId
				+ ", data=" + this.data + "]";
	}

}
