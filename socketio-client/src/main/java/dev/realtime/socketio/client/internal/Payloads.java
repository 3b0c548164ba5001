package dev.realtime.socketio.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.realtime.socketio.client.ClientEvent;
import dev.realtime.socketio.protocol.SocketIoPacket;

/**
 * Turns the arguments a user passes into the JSON trees of packets: {@code byte[]}
 * becomes a binary node (an attachment on the wire), a {@link JsonNode} is kept, anything
 * else goes through the mapper; and reads the server's replies back as the types the user
 * asks for.
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

	/**
	 * Return a namespace's auth as the JSON object its CONNECT carries: a fresh copy,
	 * since the payload is amended for connection state recovery.
	 * @throws IllegalArgumentException if the auth is not written as a JSON object
	 */
	ObjectNode auth(String namespace, @Nullable Object auth) {
		if (auth == null) {
			return this.mapper.createObjectNode();
		}
		JsonNode node;
		try {
			node = this.mapper.valueToTree(auth);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"The auth of " + namespace + " is not writable as JSON: " + ex.getOriginalMessage(), ex);
		}
		if (!(node instanceof ObjectNode object)) {
			throw new IllegalArgumentException(
					"The auth of " + namespace + " must be written as a JSON object, was " + node);
		}
		return object.deepCopy();
	}

	/**
	 * Read the first argument of an ack as the given type.
	 * @return {@code null} for an ack with no argument or a null one
	 * @throws IllegalArgumentException if the argument is not of that type
	 */
	<T> @Nullable T firstReply(List<JsonNode> reply, Class<T> type, String event) {
		if (reply.isEmpty() || reply.get(0).isNull()) {
			return null;
		}
		try {
			return this.mapper.treeToValue(reply.get(0), type);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"The ack of event '" + event + "' is not a " + type.getName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	/** Return the event an EVENT or BINARY_EVENT packet carries. */
	ClientEvent received(SocketIoPacket packet) {
		ArrayNode data = (ArrayNode) Objects.requireNonNull(packet.data());
		JsonNode nameNode = data.get(0);
		String name = nameNode.isString() ? nameNode.stringValue() : nameNode.asString();
		List<JsonNode> args = new ArrayList<>(data.size() - 1);
		for (int i = 1; i < data.size(); i++) {
			args.add(data.get(i));
		}
		return new ClientEvent(name, args, packet.hasAckId(), this.mapper);
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
