package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.realtime.socketio.server.RemoteSocket;
import dev.realtime.socketio.server.adapter.BroadcastOptions;
import dev.realtime.socketio.testsupport.SocketIoNodeDriver;
import dev.realtime.socketio.testsupport.TestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static dev.realtime.socketio.redis.ClusterClients.connect;
import static dev.realtime.socketio.redis.ClusterClients.ids;
import static dev.realtime.socketio.redis.ClusterClients.received;
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

	private NodeAdapterServer nodeServer;

	private String nodeUrl;

	private SocketIoNodeDriver driver;

	@BeforeEach
	void startServers() {
		this.java = TestNode.start(cluster.get(), true);
		TestNode.configure(this.java.io(), "java");
		this.nodeServer = NodeAdapterServer.start("node/redis-node-server.js", cluster.get().nodes(),
				"sharded-cluster");
		this.nodeUrl = this.nodeServer.url();
		await().atMost(WAIT).until(() -> this.java.serverCount() == 2);
		assertThat(this.nodeServer.command("count", "count").path("count").asInt()).isEqualTo(2);
		this.driver = SocketIoNodeDriver.start();
	}

	@AfterEach
	void stopServers() {
		this.driver.close();
		this.nodeServer.close();
		this.java.close();
	}

	@Test
	void javaAndNodeServersShareRoomsBroadcastsFetchSocketsAndServerSideEmit() {
		String a = connect(this.driver, "a", this.java.url("/"), "news");
		String b = connect(this.driver, "b", this.nodeUrl, "news");
		String c = connect(this.driver, "c", this.nodeUrl);
		await().atMost(WAIT).until(() -> this.java.io().to("news").fetchSockets().block(WAIT).size() == 2);

		// To one room (its own shard channel in Node's default dynamic mode), both ways.
		this.java.io().to("news").emit("from-java", "hi", new byte[] { 1, 2, 3 });
		for (String id : List.of("a", "b")) {
			JsonNode event = this.driver.awaitEvent(id, "from-java");
			assertThat(args(event).get(0).asString()).isEqualTo("hi");
			assertThat(bytes(args(event).get(1))).containsExactly(1, 2, 3);
		}
		this.nodeServer.command("emitted", "emit", "rooms", List.of("news"), "event", "from-node", "args",
				List.of("there"));
		for (String id : List.of("a", "b")) {
			assertThat(args(this.driver.awaitEvent(id, "from-node")).get(0).asString()).isEqualTo("there");
		}
		// To everyone, both ways, then nothing more: exactly once.
		this.java.io().emit("all-java");
		this.nodeServer.command("emitted", "emit", "event", "all-node", "args", List.of());
		for (String id : List.of("a", "b", "c")) {
			this.driver.awaitEvent(id, "all-java");
			this.driver.awaitEvent(id, "all-node");
		}
		this.java.io().to("news").emit("end");
		this.nodeServer.command("emitted", "emit", "rooms", List.of("news"), "event", "end-node", "args", List.of());
		for (String id : List.of("a", "b")) {
			this.driver.awaitEvent(id, "end");
			this.driver.awaitEvent(id, "end-node");
		}
		for (String id : List.of("a", "b")) {
			assertThat(received(this.driver, id, "from-java")).hasSize(1);
			assertThat(received(this.driver, id, "from-node")).hasSize(1);
		}
		for (String id : List.of("a", "b", "c")) {
			assertThat(received(this.driver, id, "all-java")).hasSize(1);
			assertThat(received(this.driver, id, "all-node")).hasSize(1);
		}
		assertThat(received(this.driver, "c", "from-java")).isEmpty();
		assertThat(received(this.driver, "c", "from-node")).isEmpty();

		// fetchSockets both ways, with socket data.
		List<RemoteSocket> news = this.java.io().to("news").fetchSockets().block(WAIT);
		assertThat(ids(news)).containsExactlyInAnyOrder(a, b);
		assertThat(news.stream().filter((s) -> s.id().equals(b)).findFirst().orElseThrow().data())
			.containsEntry("user", "b")
			.containsEntry("node", "node");
		JsonNode fromNode = this.nodeServer.command("fetched", "fetch").path("sockets");
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
		assertThat(this.nodeServer.awaitEvent("server-side-emit").path("arg").asString()).isEqualTo("from-java");
		JsonNode nodeAnswers = this.nodeServer.command("server-acks", "serverSideEmitWithAck", "event", "hello", "args",
				List.of("from-node"));
		assertThat(nodeAnswers.path("responses")).extracting((answer) -> answer.path("node").asString())
			.containsExactly("java");

		this.driver.autoAck("a", "question", "answer-a");
		this.driver.autoAck("b", "question", "answer-b");
		List<JsonNode> javaAcks = this.java.io().timeout(WAIT).to("news").emitWithAck("question", 1).block(WAIT);
		assertThat(javaAcks).extracting(JsonNode::asString).containsExactlyInAnyOrder("answer-a", "answer-b");
		JsonNode nodeAcks = this.nodeServer.command("acks", "emitWithAck", "rooms", List.of("news"), "event",
				"question", "timeout", WAIT.toMillis(), "args", List.of(2));
		assertThat(nodeAcks.path("responses")).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("answer-a", "answer-b");
	}

}
