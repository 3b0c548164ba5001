package dev.realtime.socketio.protocol;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BinaryNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A BINARY_EVENT or BINARY_ACK whose header was decoded and whose attachments are still
 * arriving (Socket.IO v5, binary packets). The placeholders are located and checked when
 * the header arrives, so a bad header fails before any attachment is buffered; each
 * attachment must be referenced by exactly one placeholder.
 */
final class PendingBinaryPacket {

	private static final String PLACEHOLDER = "_placeholder";

	private static final String NUM = "num";

	private final SocketIoPacketType type;

	private final String namespace;

	private final long ackId;

	private final JsonNode data;

	private final Slot[] slots;

	private int received;

	private PendingBinaryPacket(SocketIoPacketType type, String namespace, long ackId, JsonNode data, Slot[] slots) {
		this.type = type;
		this.namespace = namespace;
		this.ackId = ackId;
		this.data = data;
		this.slots = slots;
	}

	/**
	 * Create a pending packet, checking its placeholders.
	 * @throws SocketIoParseException if a placeholder index is invalid, out of range or
	 * duplicated, or if an attachment is not referenced
	 */
	static PendingBinaryPacket create(SocketIoPacketType type, String namespace, long ackId, JsonNode data,
			int attachments) {
		// Nothing is sized by the announced count, which the client chose: the
		// placeholders
		// found in the payload are collected first, and the count must match them
		Map<Integer, Slot> located = new HashMap<>();
		locatePlaceholders(data, attachments, located);
		Slot[] slots = new Slot[located.size()];
		for (int i = 0; i < attachments; i++) {
			Slot slot = located.get(i);
			if (slot == null) {
				throw new SocketIoParseException("Attachment " + i + " is not referenced by a placeholder");
			}
			slots[i] = slot;
		}
		return new PendingBinaryPacket(type, namespace, ackId, data, slots);
	}

	// Recursion is bounded by the nesting depth the parser enforced
	private static void locatePlaceholders(JsonNode container, int attachments, Map<Integer, Slot> located) {
		if (container instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				JsonNode element = array.get(i);
				if (!register(element, array, null, i, attachments, located)) {
					locatePlaceholders(element, attachments, located);
				}
			}
		}
		else if (container instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> property : object.properties()) {
				JsonNode value = property.getValue();
				if (!register(value, object, property.getKey(), -1, attachments, located)) {
					locatePlaceholders(value, attachments, located);
				}
			}
		}
	}

	private static boolean register(JsonNode node, JsonNode parent, @Nullable String property, int index,
			int attachments, Map<Integer, Slot> located) {
		if (!isPlaceholder(node)) {
			return false;
		}
		JsonNode num = node.get(NUM);
		if (!num.isIntegralNumber() || !num.canConvertToInt()) {
			throw new SocketIoParseException("Invalid placeholder index: " + num);
		}
		int value = num.intValue();
		if (value < 0 || value >= attachments) {
			throw new SocketIoParseException(
					"Placeholder index " + value + " out of range, " + attachments + " attachments announced");
		}
		if (located.putIfAbsent(value, new Slot(parent, property, index)) != null) {
			throw new SocketIoParseException("Duplicate placeholder index " + value);
		}
		return true;
	}

	/**
	 * Return whether the node is exactly {@code {"_placeholder":true,"num":..}}; other
	 * objects, even with a {@code _placeholder} property, are plain data.
	 */
	private static boolean isPlaceholder(JsonNode node) {
		if (!node.isObject() || node.size() != 2 || !node.has(NUM)) {
			return false;
		}
		JsonNode flag = node.get(PLACEHOLDER);
		return flag != null && flag.isBoolean() && flag.booleanValue();
	}

	/**
	 * Add the next attachment.
	 * @return {@code true} if it was the last one
	 */
	boolean add(byte[] attachment) {
		this.slots[this.received++].fill(attachment);
		return this.received == this.slots.length;
	}

	/**
	 * Return the packet, once every attachment is added.
	 */
	SocketIoPacket toPacket() {
		return new SocketIoPacket(this.type, this.namespace, this.ackId, this.data);
	}

	/**
	 * Return how many attachments are still expected.
	 */
	int remaining() {
		return this.slots.length - this.received;
	}

	/**
	 * Where a placeholder sits: an element of an array or a property of an object.
	 */
	private record Slot(JsonNode parent, @Nullable String property, int index) {

		void fill(byte[] attachment) {
			BinaryNode binary = BinaryNode.valueOf(attachment);
			if (this.property != null) {
				((ObjectNode) this.parent).set(this.property, binary);
			}
			else {
				((ArrayNode) this.parent).set(this.index, binary);
			}
		}

	}

}
