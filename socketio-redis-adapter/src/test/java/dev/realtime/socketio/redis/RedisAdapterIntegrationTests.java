package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static dev.realtime.socketio.redis.ClusterClients.ids;
import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Three Java nodes on one Redis, each with npm {@code socket.io-client} sockets: what one
 * node does reaches the sockets of every node.
 */
class RedisAdapterIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	static final TestFixture<TestRedis> redis = TestFixture.of(TestRedis::start);

	private final List<TestNode> nodes = new ArrayList<>();

	private SocketIoNodeDriver driver;

	@BeforeEach
	void startNodes() {
		for (int i = 0; i < 3; i++) {
			TestNode node = TestNode.start(redis.get());
			TestNode.configure(node.io(), i);
			this.nodes.add(node);
		}
		awaitServerCount(3);
		this.driver = SocketIoNodeDriver.start();
	}

	@AfterEach
	void stopNodes() {
		this.driver.close();
		this.nodes.forEach(TestNode::close);
	}

	private TestNode node(int index) {
		return this.nodes.get(index);
	}

	private void awaitServerCount(int count) {
		for (TestNode node : this.nodes) {
			await().atMost(WAIT).until(() -> node.serverCount() == count);
		}
	}

	private String connect(String id, int node, String... rooms) {
		return ClusterClients.connect(this.driver, id, node(node).url("/"), rooms);
	}

	private List<JsonNode> received(String id, String event) {
		return ClusterClients.received(this.driver, id, event);
	}

	private List<RemoteSocket> fetch(int node, String... rooms) {
		return node(node).io().to(rooms).fetchSockets().block(WAIT);
	}

	@Test
	void broadcastToARoomReachesItsMembersOnEveryNodeExactlyOnce() {
		connect("a", 0, "news");
		connect("b", 1, "news");
		connect("c", 2, "news");
		connect("d", 2);
		awaitRoomSize(0, "news", 3);

		node(1).io().to("news").emit("headline", "hello", Map.of("n", 1));
		// A second broadcast from the same node to every socket arrives after the first
		// one.
		node(1).io().emit("end");
		for (String id : List.of("a", "b", "c", "d")) {
			this.driver.awaitEvent(id, "end");
		}
		for (String id : List.of("a", "b", "c")) {
			List<JsonNode> headlines = received(id, "headline");
			assertThat(headlines).hasSize(1);
			assertThat(args(headlines.get(0)).get(0).asString()).isEqualTo("hello");
			assertThat(args(headlines.get(0)).get(1).path("n").asInt()).isEqualTo(1);
		}
		assertThat(received("d", "headline")).isEmpty();
	}

	@Test
	void binaryArgumentsCrossNodes() {
		connect("a", 0);
		connect("b", 1);
		node(0).io().emit("blob", (Object) new byte[] { 1, 2, 3 });
		for (String id : List.of("a", "b")) {
			JsonNode blob = this.driver.awaitEvent(id, "blob");
			assertThat(SocketIoNodeDriver.bytes(args(blob).get(0))).containsExactly(1, 2, 3);
		}
	}

	@Test
	void exceptAndSocketBroadcastSkipTheExcludedSocketsOnEveryNode() {
		connect("a", 0, "news");
		connect("b", 1, "news", "vip");
		connect("c", 2, "news");
		awaitRoomSize(0, "news", 3);

		node(2).io().to("news").except("vip").emit("promo");
		this.driver.emit("a", "shout", "hi");
		this.driver.awaitEvent("b", "shout");
		this.driver.awaitEvent("c", "shout");
		this.driver.awaitEvent("a", "promo");
		this.driver.awaitEvent("c", "promo");
		node(2).io().emit("end");
		for (String id : List.of("a", "b", "c")) {
			this.driver.awaitEvent(id, "end");
		}
		assertThat(received("b", "promo")).isEmpty();
		assertThat(received("a", "shout")).isEmpty();
	}

	@Test
	void socketsJoinLeaveAndDisconnectReachEveryNode() {
		String a = connect("a", 0, "news");
		String b = connect("b", 1, "news");
		String c = connect("c", 2);
		awaitRoomSize(2, "news", 2);

		node(2).io().to("news").socketsJoin("sports");
		awaitRoomSize(2, "sports", 2);
		assertThat(ids(fetch(0, "sports"))).containsExactlyInAnyOrder(a, b);

		node(0).io().to("sports").socketsLeave("news");
		awaitRoomSize(1, "news", 0);

		node(1).io().except("sports").socketsJoin("lobby");
		awaitRoomSize(0, "lobby", 1);
		assertThat(ids(fetch(0, "lobby"))).containsExactly(c);

		node(2).io().to("sports").disconnectSockets(false);
		assertThat(this.driver.await("a", "disconnect").path("reason").asString()).isEqualTo("io server disconnect");
		assertThat(this.driver.await("b", "disconnect").path("reason").asString()).isEqualTo("io server disconnect");
		await().atMost(WAIT).until(() -> fetch(1).size() == 1);
		assertThat(this.driver.received(
				(line) -> "c".equals(line.path("id").asString()) && "disconnect".equals(line.path("type").asString())))
			.isEmpty();
	}

	@Test
	void fetchSocketsReturnsTheSocketsOfEveryNodeWithTheirState() {
		String a = connect("a", 0, "news");
		String b = connect("b", 1, "news");
		String c = connect("c", 2);

		assertThat(ids(fetch(0))).containsExactlyInAnyOrder(a, b, c);
		List<RemoteSocket> news = fetch(2, "news");
		assertThat(ids(news)).containsExactlyInAnyOrder(a, b);
		RemoteSocket remoteB = news.stream().filter((socket) -> socket.id().equals(b)).findFirst().orElseThrow();
		assertThat(remoteB.rooms()).containsExactlyInAnyOrder(b, "news");
		assertThat(remoteB.data()).containsEntry("user", "b").containsEntry("node", 1);
		assertThat(remoteB.handshake().auth().path("user").asString()).isEqualTo("b");
		assertThat(remoteB.handshake().queryParam("client")).isEqualTo("b");
		assertThat(remoteB.handshake().queryParam("EIO")).isEqualTo("4");
		assertThat(remoteB.handshake().headers().contains("host")).isTrue();
		assertThat(remoteB.handshake().address()).isEqualTo("127.0.0.1");
		assertThat(remoteB.handshake().issued()).isPositive();
		assertThat(ids(node(1).io().local().fetchSockets().block(WAIT))).containsExactly(b);
	}

	@Test
	void serverSideEmitReachesTheOtherNodesAndCollectsTheirAcks() {
		List<String> heard = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 3; i++) {
			int index = i;
			node(i).io().sockets().onServerSideEmit("hello", (args, ack) -> {
				heard.add(index + ":" + args.get(0).asString());
				if (ack != null) {
					ack.send(Map.of("node", index));
				}
			});
		}
		node(0).io().sockets().serverSideEmit("hello", "no-ack");
		await().atMost(WAIT).until(() -> heard.size() == 2);
		assertThat(heard).containsExactlyInAnyOrder("1:no-ack", "2:no-ack");

		List<JsonNode> answers = node(1).adapter()
			.serverSideEmitWithAck(event("hello", "with-ack"), timeout(WAIT))
			.block(WAIT);
		assertThat(answers).extracting((answer) -> answer.path("node").asInt()).containsExactlyInAnyOrder(0, 2);
	}

	@Test
	void serverSideEmitWithAckSaysHowManyNodesAnsweredWhenItTimesOut() {
		node(1).io().sockets().onServerSideEmit("slow", (args, ack) -> ack.send("fast"));
		node(2).io().sockets().onServerSideEmit("slow", (args, ack) -> {
			// never answers
		});
		assertThatThrownBy(() -> node(0).adapter()
			.serverSideEmitWithAck(event("slow"), timeout(Duration.ofMillis(500)))
			.block(WAIT)).isInstanceOf(RedisRequestTimeoutException.class)
			.hasMessage("serverSideEmit timed out after 500 ms: 1 of 2 other node(s) answered");
	}

	@Test
	void broadcastWithAckCollectsTheAcksOfClientsOnEveryNode() {
		connect("a", 0);
		connect("b", 1);
		connect("c", 2);
		connect("d", 2);
		for (String id : List.of("a", "b", "c", "d")) {
			this.driver.autoAck(id, "question", "answer-" + id);
		}
		List<JsonNode> answers = node(1).io().timeout(WAIT).emitWithAck("question", 42).block(WAIT);
		assertThat(answers).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("answer-a", "answer-b", "answer-c", "answer-d");
		for (String id : List.of("a", "b", "c", "d")) {
			assertThat(args(this.driver.awaitEvent(id, "question")).get(0).asInt()).isEqualTo(42);
		}
	}

	@Test
	void aNodeThatDiesLeavesNoGhostSockets() {
		String a = connect("a", 0);
		String b = connect("b", 1);
		connect("c", 2);
		connect("d", 2);
		assertThat(fetch(0)).hasSize(4);

		node(2).kill();
		await().atMost(WAIT).until(() -> node(0).serverCount() == 2 && node(1).serverCount() == 2);
		assertThat(ids(fetch(0))).containsExactlyInAnyOrder(a, b);
		assertThat(ids(fetch(1))).containsExactlyInAnyOrder(a, b);
	}

	@Test
	void survivesARedisRestart() {
		connect("a", 0, "news");
		connect("a2", 0, "news");
		connect("b", 1, "news");
		awaitRoomSize(0, "news", 3);
		node(1).io().sockets().onServerSideEmit("never", (args, ack) -> {
			// keeps the request in flight
		});
		node(2).io().sockets().onServerSideEmit("never", (args, ack) -> {
		});
		CompletableFuture<List<JsonNode>> inFlight = node(0).adapter()
			.serverSideEmitWithAck(event("never"), timeout(Duration.ofSeconds(60)))
			.toFuture();

		redis.get().stopServer();
		try {
			await().atMost(WAIT).until(inFlight::isDone);
			assertThatThrownBy(inFlight::join).hasCauseInstanceOf(RedisAdapterException.class)
				.cause()
				.hasMessage("Lost the connection to Redis while serverSideEmit was waiting for answers: "
						+ "0 of 2 other node(s) answered");
			this.nodes.forEach((node) -> await().atMost(WAIT).until(() -> !node.factory().isConnected()));

			// Local delivery goes on; requests fail at once.
			node(0).io().to("news").emit("local", 1);
			this.driver.awaitEvent("a", "local");
			this.driver.awaitEvent("a2", "local");
			assertThatThrownBy(() -> fetch(0)).isInstanceOf(RedisAdapterException.class)
				.hasMessage("Redis is not connected: cannot count the servers");
		}
		finally {
			redis.get().startServer();
		}

		this.nodes.forEach((node) -> await().atMost(WAIT).until(() -> node.factory().isConnected()));
		awaitServerCount(3);
		node(1).io().to("news").emit("back", 2);
		for (String id : List.of("a", "a2", "b")) {
			this.driver.awaitEvent(id, "back");
		}
		assertThat(received("b", "local")).isEmpty();
	}

	private void awaitRoomSize(int node, String room, int size) {
		await().atMost(WAIT).until(() -> fetch(node, room).size() == size);
	}

	private static ArrayNode event(String name, Object... args) {
		ArrayNode data = JsonNodeFactory.instance.arrayNode().add(name);
		for (Object arg : args) {
			data.add(String.valueOf(arg));
		}
		return data;
	}

	private static BroadcastOptions timeout(Duration timeout) {
		return BroadcastOptions.builder().timeout(timeout).build();
	}

}
