package dev.realtime.socketio.client.internal;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import dev.realtime.socketio.protocol.SocketIoPacket;

/**
 * Turns the arguments a user passes into the JSON trees of packets: {@code byte[]}
 * becomes a binary node (an attachment on the wire), a {@link JsonNode} is kept, anything
 * else goes through the mapper.
 */
final class Payloads {

	private final JsonMapper mapper;

	Payloads(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Return the data of an EVENT: the name, then the arguments.
	 * @throws IllegalArgumentException for a reserved event name
	 */
	ArrayNode event(String event, Object[] args) {
		Objects.requireNonNull(event, "event");
		if (SocketIoPacket.RESERVED_EVENT_NAMES.contains(event)) {
			throw new IllegalArgumentException("'" + event + "' is a reserved event name");
		}
		ArrayNode data = this.mapper.createArrayNode();
		data.add(event);
		for (Object arg : args) {
			data.add(node(arg));
		}
		return data;
	}

	/**
	 * Return the data of an ACK: no argument for {@code null}, else the one reply.
	 */
	ArrayNode ack(@Nullable Object reply) {
		ArrayNode args = this.mapper.createArrayNode();
		if (reply != null) {
			args.add(node(reply));
		}
		return args;
	}

	private JsonNode node(@Nullable Object value) {
		if (value == null) {
			return this.mapper.getNodeFactory().nullNode();
		}
		if (value instanceof byte[] bytes) {
			return this.mapper.getNodeFactory().binaryNode(bytes);
		}
		if (value instanceof JsonNode node) {
			return node;
		}
		return this.mapper.valueToTree(value);
	}

}
