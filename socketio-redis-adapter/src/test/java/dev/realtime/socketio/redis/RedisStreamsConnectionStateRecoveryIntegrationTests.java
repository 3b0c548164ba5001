package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import dev.realtime.socketio.server.ConnectionStateRecoveryOptions;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.testsupport.SocketIoNodeDriver;
import dev.realtime.socketio.testsupport.TestFixture;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connection state recovery on the Redis Streams adapter: an npm {@code socket.io-client}
 * that loses its node comes back on another, a Java one or a Node {@code socket.io} 4.8.4
 * server with {@code @socket.io/redis-streams-adapter} 0.3.1, and gets its id, rooms,
 * data and every packet it missed, once.
 */
class RedisStreamsConnectionStateRecoveryIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	static final TestFixture<TestRedis> redis = TestFixture.of(TestRedis::start);

	private static RedisClient inspector;

	private static StatefulRedisConnection<String, String> inspection;

	private final List<StreamsTestNode> nodes = new ArrayList<>();

	private final BlockingQueue<SocketIoSocket> connections = new LinkedBlockingQueue<>();

	private NodeAdapterServer nodeServer;

	private SocketIoNodeDriver driver;

	@BeforeAll
	static void connectInspector() {
		inspector = RedisClient.create(redis.get().resources(), redis.get().uri());
		inspection = inspector.connect();
	}

	@AfterAll
	static void closeInspector() {
		inspection.close();
		inspector.shutdown();
	}

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

	/** Java nodes whose new sockets join {@code room} and get {@code data.name}. */
	private void startJavaNodes(int count) {
		for (int i = 0; i < count; i++) {
			StreamsTestNode node = StreamsTestNode.start(redis.get(), (options) -> options.connectionStateRecovery(
					ConnectionStateRecoveryOptions.builder().maxDisconnectionDuration(Duration.ofMinutes(2)).build()));
			node.io().onConnection((socket) -> {
				if (!socket.recovered()) {
					socket.join("room");
					socket.data().put("name", "ada");
				}
				this.connections.add(socket);
			});
			this.nodes.add(node);
		}
		this.driver = SocketIoNodeDriver.start();
	}

	/** A Node server with recovery on, whose new sockets join {@code room}. */
	private String startNodeServer() {
		this.nodeServer = NodeAdapterServer.start("node/redis-streams-node-server.js", redis.get().uri(), "recovery");
		// Without the trailing slash: the tests add the namespace.
		return this.nodeServer.url().substring(0, this.nodeServer.url().length() - 1);
	}

	private StreamsTestNode node(int index) {
		return this.nodes.get(index);
	}

	private JsonNode connect(String id, String url) {
		this.driver.connect(id, url + "/", Map.of("transports", List.of("websocket"), "reconnection", false));
		return this.driver.await(id, "connect");
	}

	private SocketIoSocket nextConnection() throws InterruptedException {
		return ClusterClients.next(this.connections);
	}

	private int nextCount(String id) {
		return args(this.driver.awaitEvent(id, "count")).get(0).asInt();
	}

	private static void awaitSessionKept(String pid) {
		await().atMost(WAIT).until(() -> inspection.sync().exists("sio:session:" + pid) == 1);
	}

	@Test
	void clientOfANodeThatShutDownIsRestoredOnAnotherWithWhatItMissed() throws Exception {
		startJavaNodes(2);
		JsonNode first = connect("a", node(0).url(""));
		nextConnection();
		node(1).io().to("room").emit("count", 0);
		assertThat(nextCount("a")).isZero();

		// The node goes away: its sessions are stored as its sockets close.
		node(0).close();
		this.driver.await("a", "disconnect");
		awaitSessionKept(first.path("pid").asString());
		node(1).io().to("room").emit("count", 1);
		node(1).io().except("room").emit("count", -1);
		node(1).io().to("room").emit("count", 2);

		this.driver.moveTo("a", node(1).url(""));
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
		assertThat(inspection.sync().exists("sio:session:" + first.path("pid").asString())).isZero();
	}

	@Test
	void aSessionOfAJavaNodeIsRestoredByANodeServer() throws Exception {
		startJavaNodes(1);
		String nodeUrl = startNodeServer();
		await().atMost(WAIT).until(() -> node(0).serverCount() == 2);
		JsonNode first = connect("a", node(0).url(""));
		nextConnection();
		node(0).io().to("room").emit("count", 0);
		assertThat(nextCount("a")).isZero();

		this.driver.run("a", "closeEngine");
		awaitSessionKept(first.path("pid").asString());
		node(0).io().to("room").emit("count", 1);
		node(0).io().to("room").emit("count", 2);

		this.driver.moveTo("a", nodeUrl);
		this.driver.run("a", "connectAgain");
		JsonNode again = this.driver.await("a", "connect");
		assertThat(again.path("recovered").asBoolean()).isTrue();
		assertThat(again.path("sid").asString()).isEqualTo(first.path("sid").asString());
		JsonNode restored = this.nodeServer.awaitEvent("connection");
		assertThat(restored.path("recovered").asBoolean()).isTrue();
		assertThat(restored.path("rooms")).extracting(JsonNode::asString).contains("room");
		assertThat(restored.path("data").path("name").asString()).isEqualTo("ada");
		assertThat(nextCount("a")).isEqualTo(1);
		assertThat(nextCount("a")).isEqualTo(2);
	}

	@Test
	void aSessionOfANodeServerIsRestoredByAJavaNode() throws Exception {
		startJavaNodes(1);
		String nodeUrl = startNodeServer();
		await().atMost(WAIT).until(() -> node(0).serverCount() == 2);
		JsonNode first = connect("a", nodeUrl);
		// The Node server reads the stream from its first read on: broadcast until heard.
		await().atMost(WAIT).until(() -> {
			node(0).io().to("room").emit("count", 0);
			return ClusterClients.heard(this.driver, "a", "count");
		});

		this.driver.run("a", "closeEngine");
		awaitSessionKept(first.path("pid").asString());
		node(0).io().to("room").emit("count", 1);
		node(0).io().to("room").emit("count", 2);

		this.driver.moveTo("a", node(0).url(""));
		this.driver.run("a", "connectAgain");
		JsonNode again = this.driver.await("a", "connect");
		assertThat(again.path("recovered").asBoolean()).isTrue();
		assertThat(again.path("sid").asString()).isEqualTo(first.path("sid").asString());
		SocketIoSocket restored = nextConnection();
		assertThat(restored.rooms()).contains("room");
		assertThat(restored.data()).containsEntry("node", "node");
		// Missed packets since the last one the client got, each once (a warm-up that
		// arrived late comes before them).
		List<Integer> counts = new ArrayList<>();
		int count = nextCount("a");
		while (count == 0) {
			count = nextCount("a");
		}
		counts.add(count);
		counts.add(nextCount("a"));
		assertThat(counts).containsExactly(1, 2);
	}

}
