package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.realtime.socketio.server.RemoteSocket;
import dev.realtime.socketio.server.adapter.BroadcastOptions;
import dev.realtime.socketio.testsupport.NodeScript;
import dev.realtime.socketio.testsupport.SocketIoNodeDriver;
import dev.realtime.socketio.testsupport.TestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.args;
import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Java node with the sharded adapter and a Node {@code socket.io} 4.8.4 server with
 * {@code createShardedAdapter} of {@code @socket.io/redis-adapter} 8.3.0 (on a
 * {@code redis} 4.7.1 cluster client), on a real three-master Redis Cluster: one cluster
 * of servers.
 */
class RedisShardedNodeInteropIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@RegisterExtension
	static final TestFixture<TestRedisCluster> cluster = TestFixture.of(TestRedisCluster::start);

	private TestNode java;

	private NodeScript nodeServer;

	private String nodeUrl;

	private SocketIoNodeDriver driver;

	private int tags;

	@BeforeEach
	void startServers() {
		this.java = TestNode.start(cluster.get(), true);
		TestNode.configure(this.java.io(), "java");
		this.nodeServer = NodeScript.start("node/redis-node-server.js", cluster.get().nodes(), "sharded-cluster");
		this.nodeUrl = "http://127.0.0.1:" + this.nodeServer.awaitEvent("ready", WAIT).path("port").asInt() + "/";
		await().atMost(WAIT).until(() -> this.java.serverCount() == 2);
		assertThat(command("count", "count").path("count").asInt()).isEqualTo(2);
		this.driver = SocketIoNodeDriver.start();
	}

	@AfterEach
	void stopServers() {
		this.driver.close();
		this.nodeServer.writeLine("{\"cmd\":\"exit\"}");
		this.nodeServer.close();
		this.java.close();
	}

	private JsonNode command(String answer, String cmd, Object... fields) {
		ObjectNode command = JsonNodeFactory.instance.objectNode().put("cmd", cmd).put("tag", "t" + (++this.tags));
		for (int i = 0; i < fields.length; i += 2) {
			command.set((String) fields[i],
					NodeScript.parseJson(JsonMapper.shared().writeValueAsString(fields[i + 1])));
		}
		this.nodeServer.writeLine(command.toString());
		while (true) {
			JsonNode line = this.nodeServer.awaitEvent(answer, WAIT);
			if (command.path("tag").equals(line.path("tag"))) {
				return line;
			}
		}
	}

	private String connect(String id, String url, String... rooms) {
		this.driver.connect(id, url, Map.of("transports", List.of("websocket"), "auth", Map.of("user", id)));
		String sid = this.driver.await(id, "connect").path("sid").asString();
		for (String room : rooms) {
			this.driver.emitWithAck(id, id + "-" + room, "join", room);
			this.driver.awaitAck(id, id + "-" + room);
		}
		return sid;
	}

	private List<JsonNode> received(String id, String event) {
		return this.driver.received((line) -> id.equals(line.path("id").asString())
				&& "event".equals(line.path("type").asString()) && event.equals(line.path("event").asString()));
	}

	private static Set<String> ids(List<RemoteSocket> sockets) {
		Set<String> ids = new HashSet<>();
		sockets.forEach((socket) -> ids.add(socket.id()));
		return ids;
	}

	@Test
	void javaAndNodeServersShareRoomsBroadcastsFetchSocketsAndServerSideEmit() {
		String a = connect("a", this.java.url("/"), "news");
		String b = connect("b", this.nodeUrl, "news");
		String c = connect("c", this.nodeUrl);
		await().atMost(WAIT).until(() -> this.java.io().to("news").fetchSockets().block(WAIT).size() == 2);

		// To one room (its own shard channel in Node's default dynamic mode), both ways.
		this.java.io().to("news").emit("from-java", "hi", new byte[] { 1, 2, 3 });
		for (String id : List.of("a", "b")) {
			JsonNode event = this.driver.awaitEvent(id, "from-java");
			assertThat(args(event).get(0).asString()).isEqualTo("hi");
			assertThat(bytes(args(event).get(1))).containsExactly(1, 2, 3);
		}
		command("emitted", "emit", "rooms", List.of("news"), "event", "from-node", "args", List.of("there"));
		for (String id : List.of("a", "b")) {
			assertThat(args(this.driver.awaitEvent(id, "from-node")).get(0).asString()).isEqualTo("there");
		}
		// To everyone, both ways, then nothing more: exactly once.
		this.java.io().emit("all-java");
		command("emitted", "emit", "event", "all-node", "args", List.of());
		for (String id : List.of("a", "b", "c")) {
			this.driver.awaitEvent(id, "all-java");
			this.driver.awaitEvent(id, "all-node");
		}
		this.java.io().to("news").emit("end");
		command("emitted", "emit", "rooms", List.of("news"), "event", "end-node", "args", List.of());
		for (String id : List.of("a", "b")) {
			this.driver.awaitEvent(id, "end");
			this.driver.awaitEvent(id, "end-node");
		}
		for (String id : List.of("a", "b")) {
			assertThat(received(id, "from-java")).hasSize(1);
			assertThat(received(id, "from-node")).hasSize(1);
		}
		for (String id : List.of("a", "b", "c")) {
			assertThat(received(id, "all-java")).hasSize(1);
			assertThat(received(id, "all-node")).hasSize(1);
		}
		assertThat(received("c", "from-java")).isEmpty();
		assertThat(received("c", "from-node")).isEmpty();

		// fetchSockets both ways, with socket data.
		List<RemoteSocket> news = this.java.io().to("news").fetchSockets().block(WAIT);
		assertThat(ids(news)).containsExactlyInAnyOrder(a, b);
		assertThat(news.stream().filter((s) -> s.id().equals(b)).findFirst().orElseThrow().data())
			.containsEntry("user", "b")
			.containsEntry("node", "node");
		JsonNode fromNode = command("fetched", "fetch").path("sockets");
		Set<String> nodeIds = new HashSet<>();
		fromNode.forEach((socket) -> nodeIds.add(socket.path("id").asString()));
		assertThat(nodeIds).containsExactlyInAnyOrder(a, b, c);

		// serverSideEmit with acks both ways, and a broadcast with acks.
		this.java.io().sockets().onServerSideEmit("hello", (args, ack) -> ack.send(Map.of("node", "java")));
		List<JsonNode> fromJava = this.java.anyAdapter()
			.serverSideEmitWithAck(JsonNodeFactory.instance.arrayNode().add("hello").add("from-java"),
					BroadcastOptions.builder().timeout(WAIT).build())
			.block(WAIT);
		assertThat(fromJava).extracting((answer) -> answer.path("node").asString()).containsExactly("node");
		assertThat(this.nodeServer.awaitEvent("server-side-emit", WAIT).path("arg").asString()).isEqualTo("from-java");
		JsonNode nodeAnswers = command("server-acks", "serverSideEmitWithAck", "event", "hello", "args",
				List.of("from-node"));
		assertThat(nodeAnswers.path("responses")).extracting((answer) -> answer.path("node").asString())
			.containsExactly("java");

		this.driver.autoAck("a", "question", "answer-a");
		this.driver.autoAck("b", "question", "answer-b");
		List<JsonNode> javaAcks = this.java.io().timeout(WAIT).to("news").emitWithAck("question", 1).block(WAIT);
		assertThat(javaAcks).extracting(JsonNode::asString).containsExactlyInAnyOrder("answer-a", "answer-b");
		JsonNode nodeAcks = command("acks", "emitWithAck", "rooms", List.of("news"), "event", "question", "timeout",
				WAIT.toMillis(), "args", List.of(2));
		assertThat(nodeAcks.path("responses")).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("answer-a", "answer-b");
	}

}
