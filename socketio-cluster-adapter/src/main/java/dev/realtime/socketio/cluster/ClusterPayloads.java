package dev.realtime.socketio.cluster;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.realtime.socketio.server.adapter.BroadcastOptions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The packet and options objects that the Node adapters put in their messages, as Node
 * writes them: {@code {type, data, nsp}} for a packet, {@code {rooms, except, flags}} for
 * the options of a broadcast. Shared by every adapter wire-compatible with Node.
 *
 * @since 0.1.0
 */
public final class ClusterPayloads {

	/** Socket.IO's EVENT packet type: binary arguments travel inline. */
	private static final int EVENT = 2;

	private static final int BINARY_EVENT = 5;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private ClusterPayloads() {
	}

	/**
	 * Convert an argument an application hands to an ack (of a {@code serverSideEmit}) to
	 * a tree, binary kept binary: the mapper's {@code valueToTree} writes a
	 * {@code byte[]} or a binary node as base64 text, and a Node server would get a
	 * string instead of a {@code Buffer}.
	 * @param mapper the mapper for other values
	 * @param value the argument
	 * @return the tree
	 */
	public static JsonNode tree(JsonMapper mapper, @Nullable Object value) {
		if (value == null) {
			return NODES.nullNode();
		}
		if (value instanceof JsonNode node) {
			return node;
		}
		if (value instanceof byte[] bytes) {
			return NODES.binaryNode(bytes);
		}
		if (value instanceof ByteBuffer buffer) {
			ByteBuffer copy = buffer.duplicate();
			byte[] bytes = new byte[copy.remaining()];
			copy.get(bytes);
			return NODES.binaryNode(bytes);
		}
		return mapper.valueToTree(value);
	}

	/**
	 * Write an EVENT packet.
	 * @param namespace the namespace
	 * @param data the event name and arguments
	 * @return {@code {type: 2, data, nsp}}
	 */
	public static ObjectNode packet(String namespace, ArrayNode data) {
		ObjectNode packet = NODES.objectNode();
		packet.put("type", EVENT);
		packet.set("data", data);
		packet.put("nsp", namespace);
		return packet;
	}

	/**
	 * Whether a packet of a message is an event with a name.
	 * @param packet the packet object
	 * @return {@code true} for an EVENT or BINARY_EVENT with data
	 */
	public static boolean isEvent(JsonNode packet) {
		int type = packet.path("type").asInt(EVENT);
		return (type == EVENT || type == BINARY_EVENT) && packet.path("data").isArray()
				&& packet.path("data").size() > 0;
	}

	/**
	 * Write the selection of a request.
	 * @param options the options
	 * @return {@code {rooms, except}}
	 */
	public static ObjectNode selection(BroadcastOptions options) {
		ObjectNode opts = NODES.objectNode();
		ArrayNode rooms = opts.putArray("rooms");
		options.rooms().forEach(rooms::add);
		ArrayNode except = opts.putArray("except");
		options.except().forEach(except::add);
		return opts;
	}

	/**
	 * Write the options of a broadcast.
	 * @param options the options
	 * @return {@code {rooms, except, flags}}
	 */
	public static ObjectNode broadcastOptions(BroadcastOptions options) {
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

	/**
	 * Read {@code {rooms, except, flags}} for a delivery on this node only.
	 * @param opts the options object
	 * @return local options
	 */
	public static BroadcastOptions readOptions(JsonNode opts) {
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

	/**
	 * Write strings as an array.
	 * @param values the strings
	 * @return a JSON array of them
	 */
	public static ArrayNode strings(Iterable<String> values) {
		ArrayNode array = NODES.arrayNode();
		values.forEach(array::add);
		return array;
	}

}
