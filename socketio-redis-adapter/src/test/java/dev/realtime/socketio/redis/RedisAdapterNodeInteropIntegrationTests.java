package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

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
import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.bin;
import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Java node and a Node {@code socket.io} 4.8.4 server with
 * {@code @socket.io/redis-adapter} 8.3.0 on one Redis, and the Node
 * {@code @socket.io/redis-emitter} 5.1.0: one cluster.
 */
class RedisAdapterNodeInteropIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	static final TestFixture<TestRedis> redis = TestFixture.of(TestRedis::start);

	private final List<NodeAdapterServer> scripts = new ArrayList<>();

	private TestNode java;

	private NodeAdapterServer nodeServer;

	private String nodeUrl;

	private SocketIoNodeDriver driver;

	@BeforeEach
	void startServers() {
		this.java = TestNode.start(redis.get());
		TestNode.configure(this.java.io(), "java");
		this.nodeServer = script("node/redis-node-server.js");
		this.nodeUrl = this.nodeServer.url();
		await().atMost(WAIT).until(() -> this.java.serverCount() == 2);
		assertThat(this.nodeServer.command("count", "count").path("count").asInt()).isEqualTo(2);
		this.driver = SocketIoNodeDriver.start();
	}

	@AfterEach
	void stopServers() {
		this.driver.close();
		this.scripts.forEach(NodeAdapterServer::close);
		this.java.close();
	}

	private NodeAdapterServer script(String resource) {
		NodeAdapterServer script = NodeAdapterServer.start(resource, redis.get().uri());
		this.scripts.add(script);
		return script;
	}

	private List<RemoteSocket> javaFetch(String... rooms) {
		return this.java.io().to(rooms).fetchSockets().block(WAIT);
	}

	private JsonNode nodeFetch(String... rooms) {
		return this.nodeServer.command("fetched", "fetch", "rooms", List.of(rooms)).path("sockets");
	}

	@Test
	void broadcastFromEitherServerReachesClientsOnBoth() {
		connect(this.driver, "a", this.java.url("/"), "news");
		connect(this.driver, "b", this.nodeUrl, "news");
		connect(this.driver, "c", this.nodeUrl);
		await().atMost(WAIT).until(() -> javaFetch("news").size() == 2);

		this.java.io().to("news").emit("from-java", "hi", new byte[] { 1, 2, 3 });
		for (String id : List.of("a", "b")) {
			JsonNode event = this.driver.awaitEvent(id, "from-java");
			assertThat(args(event).get(0).asString()).isEqualTo("hi");
			assertThat(bytes(args(event).get(1))).containsExactly(1, 2, 3);
		}

		this.nodeServer.command("emitted", "emit", "rooms", List.of("news"), "event", "from-node", "args",
				List.of("yo", bin(new byte[] { 4, 5 }), Map.of("n", 1.5)));
		for (String id : List.of("a", "b")) {
			JsonNode event = this.driver.awaitEvent(id, "from-node");
			assertThat(args(event).get(0).asString()).isEqualTo("yo");
			assertThat(bytes(args(event).get(1))).containsExactly(4, 5);
			assertThat(args(event).get(2).path("n").asDouble()).isEqualTo(1.5);
		}

		this.java.io().except("news").emit("outside");
		this.driver.awaitEvent("c", "outside");
		assertThat(received(this.driver, "c", "from-java")).isEmpty();
		assertThat(received(this.driver, "c", "from-node")).isEmpty();
		assertThat(received(this.driver, "a", "outside")).isEmpty();
	}

	@Test
	void fetchSocketsAndRemoteRoomChangesWorkBothWays() {
		String a = connect(this.driver, "a", this.java.url("/"), "news");
		String b = connect(this.driver, "b", this.nodeUrl, "news");

		List<RemoteSocket> fromJava = javaFetch("news");
		assertThat(ids(fromJava)).containsExactlyInAnyOrder(a, b);
		RemoteSocket remoteB = fromJava.stream().filter((socket) -> socket.id().equals(b)).findFirst().orElseThrow();
		assertThat(remoteB.rooms()).containsExactlyInAnyOrder(b, "news");
		assertThat(remoteB.data()).containsEntry("user", "b").containsEntry("node", "node");
		assertThat(remoteB.handshake().auth().path("user").asString()).isEqualTo("b");
		assertThat(remoteB.handshake().queryParam("client")).isEqualTo("b");
		assertThat(remoteB.handshake().issued()).isPositive();

		JsonNode fromNode = nodeFetch("news");
		assertThat(fromNode).hasSize(2);
		JsonNode remoteA = null;
		for (JsonNode socket : fromNode) {
			if (socket.path("id").asString().equals(a)) {
				remoteA = socket;
			}
		}
		assertThat(remoteA).isNotNull();
		assertThat(remoteA.path("rooms")).extracting(JsonNode::asString).containsExactlyInAnyOrder(a, "news");
		assertThat(remoteA.path("data").path("user").asString()).isEqualTo("a");
		assertThat(remoteA.path("data").path("node").asString()).isEqualTo("java");
		assertThat(remoteA.path("auth").path("user").asString()).isEqualTo("a");
		assertThat(remoteA.path("query").path("client").asString()).isEqualTo("a");

		this.java.io().to("news").socketsJoin("sports");
		await().atMost(WAIT).until(() -> nodeFetch("sports").size() == 2);
		this.nodeServer.command("done", "socketsLeave", "rooms", List.of("sports"), "leave", "news");
		await().atMost(WAIT).until(() -> javaFetch("news").isEmpty());
		assertThat(ids(javaFetch("sports"))).containsExactlyInAnyOrder(a, b);
	}

	@Test
	void roomListsOfTheClusterBothWaysAndSocketListsFromJava() {
		String a = connect(this.driver, "a", this.java.url("/"), "news");
		String b = connect(this.driver, "b", this.nodeUrl, "weather");

		assertThat(this.java.adapter().allRooms().block(WAIT)).containsExactlyInAnyOrder(a, b, "news", "weather");
		assertThat(this.java.adapter().allSockets(Set.of("news", "weather")).block(WAIT)).containsExactlyInAnyOrder(a,
				b);
		assertThat(this.java.adapter().allSockets(Set.of("weather")).block(WAIT)).containsExactly(b);

		// The Node adapter 8.3 still asks ALL_ROOMS (its sockets(rooms) became local
		// only).
		assertThat(this.nodeServer.command("names", "allRooms").path("names")).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder(a, b, "news", "weather");
	}

	@Test
	void acknowledgementsCrossServersBothWays() {
		this.java.io().sockets().onServerSideEmit("hello", (args, ack) -> ack.send(Map.of("node", "java")));
		List<JsonNode> fromJava = this.java.adapter()
			.serverSideEmitWithAck(JsonNodeFactory.instance.arrayNode().add("hello").add("from-java"),
					BroadcastOptions.builder().timeout(WAIT).build())
			.block(WAIT);
		assertThat(fromJava).extracting((answer) -> answer.path("node").asString()).containsExactly("node");
		assertThat(this.nodeServer.awaitEvent("server-side-emit").path("arg").asString()).isEqualTo("from-java");
		JsonNode fromNode = this.nodeServer.command("server-acks", "serverSideEmitWithAck", "event", "hello", "args",
				List.of("from-node"));
		assertThat(fromNode.path("responses")).extracting((answer) -> answer.path("node").asString())
			.containsExactly("java");

		connect(this.driver, "a", this.java.url("/"));
		connect(this.driver, "b", this.nodeUrl);
		this.driver.autoAck("a", "question", "answer-a");
		this.driver.autoAck("b", "question", "answer-b");
		List<JsonNode> javaAcks = this.java.io().timeout(WAIT).emitWithAck("question", 1).block(WAIT);
		assertThat(javaAcks).extracting(JsonNode::asString).containsExactlyInAnyOrder("answer-a", "answer-b");
		JsonNode nodeAcks = this.nodeServer.command("acks", "emitWithAck", "event", "question", "timeout",
				WAIT.toMillis(), "args", List.of(2));
		assertThat(nodeAcks.path("responses")).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("answer-a", "answer-b");
	}

	@Test
	void emitterReachesRoomMembersOnTheJavaNode() {
		NodeAdapterServer emitter = script("node/redis-emitter.js");
		connect(this.driver, "a", this.java.url("/"), "vip");
		connect(this.driver, "b", this.java.url("/"));
		List<String> heard = new CopyOnWriteArrayList<>();
		this.java.io().sockets().onServerSideEmit("ping", (args, ack) -> heard.add(args.get(0).asString()));

		emitter.command("done", "emit", "rooms", List.of("vip"), "event", "promo", "args", List.of(Map.of("n", 1)));
		emitter.command("done", "emit", "event", "end");
		JsonNode promo = this.driver.awaitEvent("a", "promo");
		assertThat(args(promo).get(0).path("n").asInt()).isEqualTo(1);
		this.driver.awaitEvent("a", "end");
		this.driver.awaitEvent("b", "end");
		assertThat(received(this.driver, "b", "promo")).isEmpty();

		emitter.command("done", "socketsJoin", "rooms", List.of("vip"), "join", "gold");
		await().atMost(WAIT).until(() -> javaFetch("gold").size() == 1);
		emitter.command("done", "emit", "rooms", List.of("gold"), "event", "gold-news");
		this.driver.awaitEvent("a", "gold-news");

		emitter.command("done", "serverSideEmit", "event", "ping", "args", List.of("from-emitter"));
		await().atMost(WAIT).until(() -> heard.contains("from-emitter"));

		emitter.command("done", "disconnectSockets", "rooms", List.of("gold"), "close", false);
		assertThat(this.driver.await("a", "disconnect").path("reason").asString()).isEqualTo("io server disconnect");
	}

}
