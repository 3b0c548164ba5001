package dev.realtime.socketio.postgres;

import dev.realtime.socketio.cluster.ClusterMessages;
import dev.realtime.socketio.internal.MsgPackTrees;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The payloads of {@code @socket.io/postgres-adapter} 0.5 and
 * {@code @socket.io/postgres-emitter} 0.1: a message of the cluster protocol
 * ({@code {uid, nsp, type, data}}) goes as JSON in the notification itself, unless it
 * holds binary data or its JSON is longer than the threshold: then it is stored as
 * MessagePack in the attachment table, and the notification carries {@code {uid, type,
 * attachmentId}}.
 */
final class PostgresMessages {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private PostgresMessages() {
	}

	/**
	 * The JSON of a message when it fits in a notification, {@code null} when it must go
	 * to the attachment table.
	 */
	static @Nullable String inline(JsonNode message, int threshold) {
		if (ClusterMessages.hasBinary(message)) {
			return null;
		}
		String json = JSON.writeValueAsString(message);
		// Node compares the UTF-8 length with ">" (0.5.0).
		return (utf8Length(json) > threshold) ? null : json;
	}

	static byte[] attachment(JsonNode message) {
		return MsgPackTrees.notepack().encode(message);
	}

	/**
	 * The notification that points at an attachment. Node's {@code pg} reads a
	 * {@code bigserial} as text, so the id travels as a string.
	 */
	static String header(JsonNode message, long attachmentId) {
		ObjectNode header = NODES.objectNode();
		header.put("uid", message.path("uid").asString(""));
		header.put("type", message.path("type").asInt());
		header.put("attachmentId", Long.toString(attachmentId));
		return JSON.writeValueAsString(header);
	}

	static JsonNode parse(String payload) {
		return JSON.readTree(payload);
	}

	static JsonNode decodeAttachment(byte[] payload) {
		return MsgPackTrees.notepack().decode(payload);
	}

	/** The attachment id of a notification, or -1 when it carries the message itself. */
	static long attachmentId(JsonNode notification) {
		JsonNode id = notification.path("attachmentId");
		if (id.isNumber()) {
			return id.asLong();
		}
		if (id.isString()) {
			try {
				return Long.parseLong(id.asString());
			}
			catch (NumberFormatException ex) {
				return -1;
			}
		}
		return -1;
	}

	private static int utf8Length(String text) {
		int length = text.length();
		int bytes = length;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c >= 0x80) {
				if (c < 0x800) {
					bytes++;
				}
				else if (Character.isHighSurrogate(c)) {
					// 4 bytes for the pair: 2 chars counted, add 2
					bytes += 2;
					i++;
				}
				else {
					bytes += 2;
				}
			}
		}
		return bytes;
	}

}
