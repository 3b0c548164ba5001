package dev.realtime.socketio.redis;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import dev.realtime.socketio.cluster.ClusterPayloads;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The messages of {@code @socket.io/redis-adapter} 8.3: its request types, its ids and
 * its mix of JSON and MessagePack (the packet and options objects are
 * {@link ClusterPayloads}').
 */
final class Messages {

	static final int SOCKETS = 0;

	static final int ALL_ROOMS = 1;

	static final int REMOTE_JOIN = 2;

	static final int REMOTE_LEAVE = 3;

	static final int REMOTE_DISCONNECT = 4;

	static final int REMOTE_FETCH = 5;

	static final int SERVER_SIDE_EMIT = 6;

	static final int BROADCAST = 7;

	static final int BROADCAST_CLIENT_COUNT = 8;

	static final int BROADCAST_ACK = 9;

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	private Messages() {
	}

	/** A random id like Node's {@code uid2(length)}. */
	static String randomId(int length) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		char[] id = new char[length];
		for (int i = 0; i < length; i++) {
			id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
		}
		return new String(id);
	}

	/**
	 * Requests and answers are JSON when they start with {@code {}, msgpack otherwise.
	 */
	static JsonNode parse(byte[] message) {
		if (message.length > 0 && message[0] == '{') {
			return JSON.readTree(new String(message, StandardCharsets.UTF_8));
		}
		return MsgPack.decode(message);
	}

	static byte[] json(JsonNode message) {
		return JSON.writeValueAsBytes(message);
	}

}
