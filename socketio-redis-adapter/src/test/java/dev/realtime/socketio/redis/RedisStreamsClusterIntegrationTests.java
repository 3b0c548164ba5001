package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

import dev.realtime.socketio.server.ConnectionStateRecoveryOptions;
import dev.realtime.socketio.server.RemoteSocket;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.server.adapter.BroadcastOptions;
import dev.realtime.socketio.testsupport.SocketIoNodeDriver;
import dev.realtime.socketio.testsupport.TestFixture;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static dev.realtime.socketio.redis.ClusterClients.ids;
import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.args;
import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.bin;
import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Redis Streams adapter on a real three-master Redis Cluster (Lettuce's cluster
 * client): two Java nodes and a Node {@code socket.io} 4.8.4 server with
 * {@code @socket.io/redis-streams-adapter} 0.3.1 on a {@code redis} 4.7.1 cluster client,
 * each with npm {@code socket.io-client} sockets; requests and answers on classic pub/sub
 * and on sharded pub/sub (Node's {@code useShardedPubSub}).
 */
class RedisStreamsClusterIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@RegisterExtension
	static final TestFixture<TestRedisCluster> cluster = TestFixture.of(TestRedisCluster::start);

	private final List<StreamsTestNode> nodes = new ArrayList<>();

	private final BlockingQueue<SocketIoSocket> connections = new LinkedBlockingQueue<>();

	private NodeAdapterServer nodeServer;

	private SocketIoNodeDriver driver;

	@AfterEach
	void stopNodes() {
		if (this.driver != null) {
			this.driver.close();
		}
		if (this.nodeServer != null) {
			this.nodeServer.close();
		}
		this.nodes.forEach(StreamsTestNode::close);
	}

	/** Java nodes with recovery on, whose new sockets get {@code data.name}. */
	private void startJavaNodes(int count, boolean shardedPubSub) {
		for (int i = 0; i < count; i++) {
			StreamsTestNode node = StreamsTestNode.start(cluster.get(), shardedPubSub,
					(options) -> options.connectionStateRecovery(ConnectionStateRecoveryOptions.builder()
						.maxDisconnectionDuration(Duration.ofMinutes(2))
						.build()));
			TestNode.configure(node.io(), i);
			node.io().onConnection((socket) -> {
				if (!socket.recovered()) {
					socket.data().put("name", "ada");
				}
				this.connections.add(socket);
			});
			this.nodes.add(node);
		}
		this.driver = SocketIoNodeDriver.start();
	}

	private void awaitServerCount(int count) {
		for (StreamsTestNode node : this.nodes) {
			await().atMost(WAIT).until(() -> node.serverCount() == count);
		}
	}

	private StreamsTestNode node(int index) {
		return this.nodes.get(index);
	}

	private JsonNode connect(String id, String url, String... rooms) {
		this.driver.connect(id, url,
				Map.of("transports", List.of("websocket"), "reconnection", false, "auth", Map.of("user", id)));
		JsonNode connected = this.driver.await(id, "connect");
		for (String room : rooms) {
			this.driver.emitWithAck(id, id + "-" + room, "join", room);
			this.driver.awaitAck(id, id + "-" + room);
		}
		return connected;
	}

	private List<JsonNode> received(String id, String event) {
		return ClusterClients.received(this.driver, id, event);
	}

	private List<RemoteSocket> fetch(int node, String... rooms) {
		return node(node).io().to(rooms).fetchSockets().block(WAIT);
	}

	@ParameterizedTest(name = "shardedPubSub={0}")
	@ValueSource(booleans = { false, true })
	void javaAndNodeServersShareTheStreamOnTheCluster(boolean shardedPubSub) {
		startJavaNodes(2, shardedPubSub);
		this.nodeServer = NodeAdapterServer.start("node/redis-streams-node-server.js",
				"cluster:" + cluster.get().nodes(), shardedPubSub ? "sharded" : "classic");
		awaitServerCount(3);
		assertThat(this.nodeServer.serverCount()).isEqualTo(3);
		String a = connect("a", node(0).url("/"), "news").path("sid").asString();
		String b = connect("b", node(1).url("/"), "news").path("sid").asString();
		String c = connect("c", this.nodeServer.url(), "news").path("sid").asString();
		String d = connect("d", node(1).url("/")).path("sid").asString();
		// The Node adapter starts reading at "$" with its first read, a moment after it
		// is created: broadcast until its client hears one.
		await().atMost(WAIT).until(() -> {
			node(0).io().to("news").emit("warm-up");
			return ClusterClients.heard(this.driver, "c", "warm-up");
		});

		node(0).io().to("news").emit("from-java", "hi", new byte[] { 1, 2, 3 });
		this.nodeServer.command("emitted", "emit", "rooms", List.of("news"), "event", "from-node", "args",
				List.of("yo", bin(new byte[] { 4, 5 })));
		for (String id : List.of("a", "b", "c")) {
			JsonNode fromJava = this.driver.awaitEvent(id, "from-java");
			assertThat(args(fromJava).get(0).asString()).isEqualTo("hi");
			assertThat(bytes(args(fromJava).get(1))).containsExactly(1, 2, 3);
			JsonNode fromNode = this.driver.awaitEvent(id, "from-node");
			assertThat(bytes(args(fromNode).get(1))).containsExactly(4, 5);
		}
		// A last broadcast to everyone from each server: once both arrived, anything sent
		// twice would have.
		node(1).io().emit("last");
		this.nodeServer.command("emitted", "emit", "event", "last");
		for (String id : List.of("a", "b", "c", "d")) {
			this.driver.awaitEvent(id, "last");
			this.driver.awaitEvent(id, "last");
		}
		for (String id : List.of("a", "b", "c")) {
			assertThat(received(id, "from-java")).hasSize(1);
			assertThat(received(id, "from-node")).hasSize(1);
		}
		assertThat(received("d", "from-java")).isEmpty();
		assertThat(received("d", "from-node")).isEmpty();

		// Rooms and fetchSockets across the three servers, a room change by another node.
		assertThat(ids(fetch(1, "news"))).containsExactlyInAnyOrder(a, b, c);
		assertThat(ids(fetch(0))).containsExactlyInAnyOrder(a, b, c, d);
		node(0).io().in(d).socketsJoin("late");
		await().atMost(WAIT)
			.until(() -> this.nodeServer.command("fetched", "fetch", "rooms", List.of("late"))
				.path("sockets")
				.size() == 1);
		this.nodeServer.command("done", "socketsJoin", "rooms", List.of("news"), "join", "sports");
		await().atMost(WAIT).until(() -> ids(fetch(0, "sports")).equals(Set.of(a, b, c)));

		// serverSideEmit with acks: answered by the other Java node and the Node server.
		List<String> heard = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 2; i++) {
			int index = i;
			node(i).io().sockets().onServerSideEmit("hello", (args, ack) -> {
				heard.add(index + ":" + args.get(0).asString());
				ack.send(Map.of("node", "java-" + index));
			});
		}
		List<JsonNode> answers = node(0).adapter()
			.serverSideEmitWithAck(JsonNodeFactory.instance.arrayNode().add("hello").add("from-java"),
					BroadcastOptions.builder().timeout(WAIT).build())
			.block(WAIT);
		assertThat(answers).extracting((answer) -> answer.path("node").asString())
			.containsExactlyInAnyOrder("java-1", "node");
		JsonNode fromNode = this.nodeServer.command("server-acks", "serverSideEmitWithAck", "event", "hello", "args",
				List.of("from-node"));
		assertThat(fromNode.path("responses")).extracting((answer) -> answer.path("node").asString())
			.containsExactlyInAnyOrder("java-0", "java-1");
		assertThat(heard).containsExactlyInAnyOrder("1:from-java", "0:from-node", "1:from-node");

		// Broadcast acks from every client of the three servers.
		for (String id : List.of("a", "b", "c", "d")) {
			this.driver.autoAck(id, "question", "answer-" + id);
		}
		assertThat(node(1).io().timeout(WAIT).emitWithAck("question", 1).block(WAIT)).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("answer-a", "answer-b", "answer-c", "answer-d");
	}

	@Test
	void aClientOfANodeThatWentAwayIsRestoredOnTheOtherWithWhatItMissed() throws Exception {
		startJavaNodes(2, false);
		awaitServerCount(2);
		JsonNode first = connect("a", node(0).url("/"), "room");
		nextConnection();
		node(1).io().to("room").emit("count", 0);
		assertThat(nextCount("a")).isZero();

		// The first node goes away: its sessions are stored as its sockets close (on the
		// master of the session key's slot, another one than the stream's maybe).
		node(0).close();
		this.driver.await("a", "disconnect");
		String key = "sio:session:" + first.path("pid").asString();
		try (RedisClusterClient inspector = RedisClusterClient.create(cluster.get().resources(), cluster.get().seeds());
				StatefulRedisClusterConnection<String, String> inspection = inspector.connect()) {
			await().atMost(WAIT).until(() -> inspection.sync().exists(key) == 1);
			node(1).io().to("room").emit("count", 1);
			node(1).io().except("room").emit("count", -1);
			node(1).io().to("room").emit("count", 2);

			this.driver.moveTo("a", node(1).url("/"));
			this.driver.run("a", "connectAgain");
			JsonNode again = this.driver.await("a", "connect");
			assertThat(again.path("recovered").asBoolean()).isTrue();
			assertThat(again.path("sid").asString()).isEqualTo(first.path("sid").asString());
			SocketIoSocket restored = nextConnection();
			assertThat(restored.rooms()).contains("room");
			assertThat(restored.data()).containsEntry("name", "ada");
			assertThat(nextCount("a")).isEqualTo(1);
			assertThat(nextCount("a")).isEqualTo(2);
			node(1).io().to("room").emit("count", 3);
			assertThat(nextCount("a")).isEqualTo(3);
			// Restored once: the session was read and deleted in one step.
			assertThat(inspection.sync().exists(key)).isZero();
		}
		assertThat(received("a", "count")).extracting((line) -> args(line).get(0).asInt()).containsExactly(0, 1, 2, 3);
	}

	@Test
	void whenTheMasterOfTheStreamGoesDownAndComesBackTheNodesReadItAgain() {
		startJavaNodes(2, false);
		awaitServerCount(2);
		connect("a", node(0).url("/"), "news");
		connect("b", node(1).url("/"), "news");
		int master = cluster.get().index(cluster.get().portOf(node(0).adapter().stream()));
		cluster.get().stopNode(master);
		try {
			// Each node still reaches its own sockets; the entry cannot be appended, so
			// the
			// other node never sees it.
			node(0).io().to("news").emit("during");
			this.driver.awaitEvent("a", "during");
		}
		finally {
			cluster.get().startNode(master);
		}
		cluster.get().awaitHealthy();
		// The readers go on from their last entry once the master answers again (it kept
		// nothing: the test cluster does not persist); until then appends fail, so
		// broadcast until heard.
		await().atMost(WAIT).until(() -> {
			node(0).io().to("news").emit("after");
			return ClusterClients.heard(this.driver, "b", "after");
		});
		await().atMost(WAIT).until(() -> {
			node(1).io().to("news").emit("back");
			return ClusterClients.heard(this.driver, "a", "back");
		});
		assertThat(received("b", "during")).isEmpty();
	}

	private SocketIoSocket nextConnection() throws InterruptedException {
		return ClusterClients.next(this.connections);
	}

	private int nextCount(String id) {
		return args(this.driver.awaitEvent(id, "count")).get(0).asInt();
	}

}
