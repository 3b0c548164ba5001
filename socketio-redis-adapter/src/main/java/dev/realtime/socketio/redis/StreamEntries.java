package dev.realtime.socketio.redis;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.realtime.socketio.cluster.ClusterMessages;
import io.lettuce.core.StreamMessage;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A cluster message as an entry of the Redis stream, as the Node
 * {@code @socket.io/redis-streams-adapter} writes it: the fields {@code uid},
 * {@code nsp}, {@code type} (the number as text) and {@code data}, the data as JSON, or
 * as base64 MessagePack when it holds binary.
 */
final class StreamEntries {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private StreamEntries() {
	}

	static Map<byte[], byte[]> encode(JsonNode message) {
		Map<byte[], byte[]> entry = new LinkedHashMap<>(8);
		entry.put(RedisConnections.bytes("uid"), RedisConnections.bytes(message.path("uid").asString("")));
		entry.put(RedisConnections.bytes("nsp"), RedisConnections.bytes(message.path("nsp").asString("")));
		entry.put(RedisConnections.bytes("type"), RedisConnections.bytes(message.path("type").asString("")));
		JsonNode data = message.path("data");
		if (!data.isMissingNode()) {
			String text = ClusterMessages.hasBinary(data) ? Base64.getEncoder().encodeToString(MsgPack.encode(data))
					: JSON.writeValueAsString(data);
			entry.put(RedisConnections.bytes("data"), RedisConnections.bytes(text));
		}
		return entry;
	}

	/**
	 * Read an entry back into a message.
	 * @return the message, or {@code null} when the entry is not one (no namespace)
	 * @throws RuntimeException when its data is malformed
	 */
	static @Nullable ObjectNode decode(StreamMessage<byte[], byte[]> entry) {
		Map<String, String> fields = new LinkedHashMap<>(8);
		entry.getBody().forEach((name, value) -> fields.put(text(name), text(value)));
		String namespace = fields.get("nsp");
		if (namespace == null || namespace.isEmpty()) {
			return null;
		}
		ObjectNode message = NODES.objectNode();
		message.put("uid", fields.getOrDefault("uid", ""));
		message.put("nsp", namespace);
		message.put("type", Integer.parseInt(fields.getOrDefault("type", "-1")));
		String data = fields.get("data");
		if (data != null && !data.isEmpty()) {
			message.set("data",
					data.startsWith("{") ? JSON.readTree(data) : MsgPack.decode(Base64.getDecoder().decode(data)));
		}
		return message;
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
