package dev.realtime.socketio.server;

import java.nio.ByteBuffer;

import dev.realtime.socketio.protocol.SocketIoPacket;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Converts application arguments to JSON trees.
 */
final class Payloads {

	private Payloads() {
	}

	static void checkEventName(String event) {
		if (SocketIoPacket.RESERVED_EVENT_NAMES.contains(event)) {
			throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
		}
	}

	static ArrayNode eventData(JsonMapper mapper, String event, Object[] args) {
		ArrayNode data = JsonNodeFactory.instance.arrayNode(args.length + 1);
		data.add(event);
		for (Object arg : args) {
			data.add(toNode(mapper, arg));
		}
		return data;
	}

	static ArrayNode array(JsonMapper mapper, Object[] args) {
		ArrayNode data = JsonNodeFactory.instance.arrayNode(args.length);
		for (Object arg : args) {
			data.add(toNode(mapper, arg));
		}
		return data;
	}

	static JsonNode toNode(JsonMapper mapper, @Nullable Object value) {
		if (value == null) {
			return JsonNodeFactory.instance.nullNode();
		}
		if (value instanceof JsonNode node) {
			return node;
		}
		if (value instanceof String text) {
			return JsonNodeFactory.instance.stringNode(text);
		}
		if (value instanceof byte[] bytes) {
			return JsonNodeFactory.instance.binaryNode(bytes);
		}
		if (value instanceof ByteBuffer buffer) {
			ByteBuffer copy = buffer.duplicate();
			byte[] bytes = new byte[copy.remaining()];
			copy.get(bytes);
			return JsonNodeFactory.instance.binaryNode(bytes);
		}
		return mapper.valueToTree(value);
	}

	/** The arguments of an event: every element after the name. */
	static ArrayNode eventArgs(ArrayNode data) {
		ArrayNode args = JsonNodeFactory.instance.arrayNode(Math.max(0, data.size() - 1));
		for (int i = 1; i < data.size(); i++) {
			args.add(data.get(i));
		}
		return args;
	}

	static String eventName(ArrayNode data) {
		JsonNode name = data.get(0);
		return name.isString() ? name.stringValue() : name.asString();
	}

}
