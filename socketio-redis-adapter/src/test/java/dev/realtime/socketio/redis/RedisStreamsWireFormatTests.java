package dev.realtime.socketio.redis;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.realtime.socketio.cluster.ClusterPayloads;
import dev.realtime.socketio.cluster.ClusterMessages;
import io.lettuce.core.StreamMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The stream entries and stream names of the Redis Streams adapter against what the Node
 * {@code @socket.io/redis-streams-adapter} 0.3.1 writes (the expected values were
 * produced with its {@code @msgpack/msgpack} 2.8 and its {@code hashCode}).
 */
class RedisStreamsWireFormatTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/**
	 * {@code encode({packet: {type: 2, data: ['bin', <01 02 03>, {n: 1.5, i: 7}], nsp:
	 * '/'}, opts: {rooms: ['r'], except: [], flags: {}}})}.
	 */
	private static final String NODE_BINARY_DATA = "gqZwYWNrZXSDpHR5cGUCpGRhdGGTo2JpbsQDAQIDgqFuyz/4AAAAAAAAoWkHo25zcKEvpG9wdHODpXJvb21zkaFypmV4Y2VwdJClZmxhZ3OA";

	private static ObjectNode broadcast(ArrayNode data) {
		ObjectNode body = NODES.objectNode();
		body.set("packet", ClusterPayloads.packet("/", data));
		ObjectNode opts = body.putObject("opts");
		opts.putArray("rooms").add("r");
		opts.putArray("except");
		opts.putObject("flags");
		return ClusterMessages.message("abc", "/", ClusterMessages.BROADCAST, body);
	}

	private static Map<String, String> fields(Map<byte[], byte[]> entry) {
		Map<String, String> fields = new LinkedHashMap<>();
		entry.forEach((name, value) -> fields.put(new String(name, StandardCharsets.UTF_8),
				new String(value, StandardCharsets.UTF_8)));
		return fields;
	}

	private static StreamMessage<byte[], byte[]> entry(Map<String, String> fields) {
		Map<byte[], byte[]> body = new LinkedHashMap<>();
		fields.forEach((name, value) -> body.put(name.getBytes(StandardCharsets.UTF_8),
				value.getBytes(StandardCharsets.UTF_8)));
		return new StreamMessage<>("socket.io".getBytes(StandardCharsets.UTF_8), "1-0", body);
	}

	@Test
	void binaryDataIsBase64MessagePackAsNodeWritesIt() {
		ArrayNode data = NODES.arrayNode().add("bin").add(new byte[] { 1, 2, 3 });
		data.addObject().put("n", 1.5).put("i", 7);
		Map<String, String> fields = fields(StreamEntries.encode(broadcast(data)));
		assertThat(fields).containsEntry("uid", "abc").containsEntry("nsp", "/").containsEntry("type", "3");
		assertThat(fields.get("data")).isEqualTo(NODE_BINARY_DATA);
	}

	@Test
	void plainDataIsJsonAsNodeWritesIt() {
		Map<String, String> fields = fields(StreamEntries.encode(broadcast(NODES.arrayNode().add("hi").add(1))));
		assertThat(fields.get("data")).isEqualTo(
				"{\"packet\":{\"type\":2,\"data\":[\"hi\",1],\"nsp\":\"/\"},\"opts\":{\"rooms\":[\"r\"],\"except\":[],\"flags\":{}}}");
	}

	@Test
	void entriesOfNodeAreReadBack() {
		JsonNode binary = StreamEntries
			.decode(entry(Map.of("uid", "n1", "nsp", "/", "type", "3", "data", NODE_BINARY_DATA)));
		assertThat(binary.path("type").asInt()).isEqualTo(3);
		JsonNode args = binary.path("data").path("packet").path("data");
		assertThat(args.get(1).binaryValue()).containsExactly(1, 2, 3);
		assertThat(args.get(2).path("n").asDouble()).isEqualTo(1.5);
		assertThat(args.get(2).path("i").asInt()).isEqualTo(7);

		JsonNode join = StreamEntries.decode(entry(Map.of("uid", "n1", "nsp", "/chat", "type", "4", "data",
				"{\"opts\":{\"rooms\":[\"a\"],\"except\":[]},\"rooms\":[\"b\"]}")));
		assertThat(join.path("nsp").asString()).isEqualTo("/chat");
		assertThat(join.path("data").path("rooms").get(0).asString()).isEqualTo("b");

		assertThat(StreamEntries.decode(entry(Map.of("other", "field")))).isNull();
	}

	@Test
	void namespacesAreSpreadOverStreamsAsInNode() {
		RedisStreamsAdapterOptions options = RedisStreamsAdapterOptions.builder().streamCount(4).build();
		assertThat(options.streamOf("/")).isEqualTo("socket.io-3");
		assertThat(options.streamOf("/chat")).isEqualTo("socket.io-3");
		assertThat(options.streamOf("/admin-namespace-with-a-long-name-\u00e9\u00fc")).isEqualTo("socket.io-0");
		assertThat(RedisStreamsAdapterOptions.defaults().streamOf("/chat")).isEqualTo("socket.io");
	}

	@Test
	void requestsAndAnswersAreEphemeralOtherMessagesAreLogged() {
		assertThat(ClusterMessages.isEphemeral(broadcast(NODES.arrayNode().add("e")))).isFalse();
		ObjectNode withAck = broadcast(NODES.arrayNode().add("e"));
		((ObjectNode) withAck.get("data")).put("requestId", "r1");
		assertThat(ClusterMessages.isEphemeral(withAck)).isTrue();
		assertThat(ClusterMessages
			.isEphemeral(ClusterMessages.message("a", "/", ClusterMessages.FETCH_SOCKETS, NODES.objectNode())))
			.isTrue();
		assertThat(ClusterMessages
			.isEphemeral(ClusterMessages.message("a", "/", ClusterMessages.SOCKETS_JOIN, NODES.objectNode())))
			.isFalse();
	}

	@Test
	void badSettingsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisStreamsAdapterOptions.builder().streamCount(0))
			.withMessageContaining("streamCount");
		assertThatIllegalArgumentException().isThrownBy(() -> RedisStreamsAdapterOptions.builder().streamName(""))
			.withMessageContaining("streamName");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RedisStreamsAdapterOptions.builder().blockTime(java.time.Duration.ZERO))
			.withMessageContaining("blockTime");
	}

}
