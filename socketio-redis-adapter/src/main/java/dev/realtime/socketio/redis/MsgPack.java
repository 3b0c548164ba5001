package dev.realtime.socketio.redis;

import dev.realtime.socketio.internal.MsgPackTrees;
import tools.jackson.databind.JsonNode;

/**
 * MessagePack as the Node adapter's {@code notepack.io} writes and reads it, for Jackson
 * trees: the engine's {@link MsgPackTrees} codec (msgpack-core), without a depth limit,
 * since the messages come from the cluster's own nodes.
 */
final class MsgPack {

	private MsgPack() {
	}

	static byte[] encode(JsonNode value) {
		return MsgPackTrees.notepack().encode(value);
	}

	/**
	 * Decode one message.
	 * @throws IllegalArgumentException if the bytes are not exactly one MessagePack value
	 */
	static JsonNode decode(byte[] bytes) {
		return MsgPackTrees.notepack().decode(bytes);
	}

}
