package dev.realtime.socketio.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes {@link SocketIoPacket}s to the Socket.IO v5 wire format
 * {@code <type>[<attachments>-][<namespace>,][<ackId>][<JSON>]}.
 * <p>
 * The JSON is compact and identical to what JavaScript's {@code JSON.stringify} produces
 * for the same values, so that clients comparing packets as strings see what the
 * reference server sends. Binary values ({@link tools.jackson.databind.node.BinaryNode},
 * or a {@link tools.jackson.databind.node.POJONode} wrapping a {@code byte[]} or a
 * {@link java.nio.ByteBuffer}) of events and acks are replaced by placeholders and
 * returned as attachments; the packet then becomes a BINARY_EVENT or BINARY_ACK, whatever
 * type it was created with. Other POJO values are serialized by the mapper, as they are.
 * The packet data is never modified or copied.
 * <p>
 * Thread-safe: one instance can serve the whole server.
 *
 * @since 0.1.0
 */
public final class SocketIoPacketEncoder {

	private final ObjectWriter pojoWriter;

	/**
	 * Create an encoder.
	 * @param mapper the mapper used for POJO values found in packet data
	 */
	public SocketIoPacketEncoder(JsonMapper mapper) {
		Objects.requireNonNull(mapper, "mapper must not be null");
		this.pojoWriter = mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
	}

	/**
	 * Encode the given packet.
	 * @param packet the packet to encode
	 * @return the text part and the binary attachments of the packet
	 * @throws IllegalArgumentException if a packet other than an event or an ack holds
	 * binary values
	 */
	public EncodedPacket encode(SocketIoPacket packet) {
		JsonNode data = packet.data();
		int binaryCount = (data != null) ? BinaryValues.count(data) : 0;
		SocketIoPacketType type = wireType(packet.type(), binaryCount);
		StringBuilder text = new StringBuilder(64);
		text.append((char) ('0' + type.id()));
		if (binaryCount > 0) {
			text.append(binaryCount).append('-');
		}
		if (!SocketIoPacket.MAIN_NAMESPACE.equals(packet.namespace())) {
			text.append(packet.namespace()).append(',');
		}
		if (packet.hasAckId()) {
			text.append(packet.ackId());
		}
		List<byte[]> attachments = (binaryCount > 0) ? new ArrayList<>(binaryCount) : List.of();
		if (data != null) {
			new JsonTextWriter(text, this.pojoWriter, attachments).write(data);
		}
		return new EncodedPacket(text.toString(), attachments);
	}

	private static SocketIoPacketType wireType(SocketIoPacketType type, int binaryCount) {
		if (type.isEvent()) {
			return (binaryCount > 0) ? SocketIoPacketType.BINARY_EVENT : SocketIoPacketType.EVENT;
		}
		if (type.isAck()) {
			return (binaryCount > 0) ? SocketIoPacketType.BINARY_ACK : SocketIoPacketType.ACK;
		}
		if (binaryCount > 0) {
			throw new IllegalArgumentException("Binary values are only supported in events and acks, not in " + type);
		}
		return type;
	}

}
