package dev.realtime.socketio.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import dev.realtime.socketio.server.adapter.BroadcastOptions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The messages of {@code @socket.io/redis-adapter} 8.3: request types, and the packet and
 * options objects as Node writes them.
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

	/** Socket.IO's EVENT packet type: binary arguments travel inline, as msgpack bin. */
	private static final int EVENT = 2;

	private static final int BINARY_EVENT = 5;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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

	static ObjectNode packet(String namespace, ArrayNode data) {
		ObjectNode packet = NODES.objectNode();
		packet.put("type", EVENT);
		packet.set("data", data);
		packet.put("nsp", namespace);
		return packet;
	}

	static boolean isEvent(JsonNode packet) {
		int type = packet.path("type").asInt(EVENT);
		return (type == EVENT || type == BINARY_EVENT) && packet.path("data").isArray()
				&& packet.path("data").size() > 0;
	}

	/** {@code {rooms, except}}, the selection of requests. */
	static ObjectNode selection(BroadcastOptions options) {
		ObjectNode opts = NODES.objectNode();
		ArrayNode rooms = opts.putArray("rooms");
		options.rooms().forEach(rooms::add);
		ArrayNode except = opts.putArray("except");
		options.except().forEach(except::add);
		return opts;
	}

	/** {@code {rooms, except, flags}}, the options of broadcasts. */
	static ObjectNode broadcastOptions(BroadcastOptions options) {
		ObjectNode opts = selection(options);
		ObjectNode flags = opts.putObject("flags");
		if (options.volatileFlag()) {
			flags.put("volatile", true);
		}
		if (!options.compress()) {
			flags.put("compress", false);
		}
		if (options.timeout() != null) {
			flags.put("timeout", options.timeout().toMillis());
		}
		return opts;
	}

	/** Read {@code {rooms, except, flags}} for a delivery on this node only. */
	static BroadcastOptions readOptions(JsonNode opts) {
		JsonNode flags = opts.path("flags");
		JsonNode timeout = flags.path("timeout");
		@Nullable Duration ackTimeout = timeout.isNumber() ? Duration.ofMillis(timeout.asLong()) : null;
		return BroadcastOptions.builder()
			.rooms(texts(opts.path("rooms")))
			.except(texts(opts.path("except")))
			.volatileFlag(flags.path("volatile").asBoolean(false))
			.compress(!flags.path("compress").isBoolean() || flags.path("compress").booleanValue())
			.local(true)
			.timeout(ackTimeout)
			.build();
	}

	private static Set<String> texts(JsonNode array) {
		Set<String> texts = new LinkedHashSet<>();
		for (JsonNode element : array) {
			if (!element.isNull()) {
				texts.add(element.asString());
			}
		}
		return texts;
	}

	static ArrayNode strings(Iterable<String> values) {
		ArrayNode array = NODES.arrayNode();
		values.forEach(array::add);
		return array;
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
