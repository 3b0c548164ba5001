package dev.realtime.socketio.redis;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import dev.realtime.socketio.server.ConnectRejectedException;
import dev.realtime.socketio.server.ConnectionStateRecoveryOptions;
import dev.realtime.socketio.server.RemoteSocket;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.auth.SocketIoConnectAuthorizer;
import dev.realtime.socketio.spring.auth.SocketIoPrincipal;
import dev.realtime.socketio.testsupport.SocketIoNodeDriver;
import dev.realtime.socketio.testsupport.TestFixture;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connection state recovery across nodes: two Java nodes on one Redis with recovery on,
 * an npm {@code socket.io-client} that loses its connection to one node and comes back on
 * the other, as it would behind a load balancer.
 */
class RedisConnectionStateRecoveryIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	static final TestFixture<TestRedis> redis = TestFixture.of(TestRedis::start);

	private static RedisClient inspector;

	private static StatefulRedisConnection<String, String> inspection;

	private final List<TestNode> nodes = new ArrayList<>();

	private final BlockingQueue<SocketIoSocket> connections = new LinkedBlockingQueue<>();

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
		this.nodes.forEach(TestNode::close);
	}

	/** Two nodes whose new sockets join {@code room} and get {@code data.name}. */
	private void startNodes(Duration window) {
		for (int i = 0; i < 2; i++) {
			TestNode node = TestNode.start(redis.get(), (options) -> options.connectionStateRecovery(
					ConnectionStateRecoveryOptions.builder().maxDisconnectionDuration(window).build()));
			node.io().onConnection((socket) -> {
				if (!socket.recovered()) {
					socket.join("room");
					socket.data().put("name", "ada");
				}
				this.connections.add(socket);
			});
			this.nodes.add(node);
		}
		for (TestNode node : this.nodes) {
			await().atMost(WAIT).until(() -> node.serverCount() == 2);
		}
		this.driver = SocketIoNodeDriver.start();
	}

	private TestNode node(int index) {
		return this.nodes.get(index);
	}

	/** A WebSocket client on a node that reconnects only when told to. */
	private JsonNode connect(String id, int node) {
		this.driver.connect(id, node(node).url("/"), Map.of("transports", List.of("websocket"), "reconnection", false));
		return this.driver.await(id, "connect");
	}

	private SocketIoSocket nextConnection() throws InterruptedException {
		return ClusterClients.next(this.connections);
	}

	private List<Integer> values(String id, String event) {
		List<Integer> values = new ArrayList<>();
		for (JsonNode line : this.driver.received((line) -> id.equals(line.path("id").asString())
				&& "event".equals(line.path("type").asString()) && event.equals(line.path("event").asString()))) {
			values.add(args(line).get(0).asInt());
		}
		return values;
	}

	private record TokenUser(String name, String token) implements Principal {

		@Override
		public String getName() {
			return this.name;
		}

	}

	private static String sessionKey(String pid) {
		return "socket.io-session#/#" + pid;
	}

	private static void awaitSessionKept(String pid) {
		await().atMost(WAIT).until(() -> inspection.sync().exists(sessionKey(pid)) == 1);
	}

	@Test
	void clientBackOnAnotherNodeGetsItsIdRoomsDataAndEveryMissedEventInOrderOnce() throws Exception {
		startNodes(Duration.ofMinutes(2));
		JsonNode first = connect("a", 0);
		assertThat(first.path("recovered").asBoolean()).isFalse();
		String pid = first.path("pid").asString();
		SocketIoSocket original = nextConnection();
		node(1).io().to("room").emit("count", 0);
		assertThat(args(this.driver.awaitEvent("a", "count")).get(0).asInt()).isZero();

		this.driver.run("a", "closeEngine");
		awaitSessionKept(pid);
		for (int i = 1; i <= 5; i++) {
			node(1).io().to("room").emit("count", i);
		}
		node(0).io().to("room").emit("from-first-node", 1);
		node(1).io().except("room").emit("count", -1);
		node(0).io().to("elsewhere").emit("count", -2);
		node(1).io().emit("everyone", 1);
		original.emit("direct", 1);
		await().atMost(WAIT).until(() -> inspection.sync().xlen("socket.io-stream#/#") >= 10);

		this.driver.moveTo("a", node(1).url(""));
		this.driver.run("a", "connectAgain");
		JsonNode again = this.driver.await("a", "connect");
		assertThat(again.path("recovered").asBoolean()).isTrue();
		assertThat(again.path("sid").asString()).isEqualTo(first.path("sid").asString());
		assertThat(again.path("pid").asString()).isEqualTo(pid);
		SocketIoSocket restored = nextConnection();
		assertThat(node(1).io().sockets().socket(restored.id())).isSameAs(restored);
		assertThat(restored.rooms()).contains("room");
		assertThat(restored.data()).containsEntry("name", "ada");

		List<Integer> missed = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			missed.add(args(this.driver.awaitEvent("a", "count")).get(0).asInt());
		}
		assertThat(missed).containsExactly(1, 2, 3, 4, 5);
		this.driver.awaitEvent("a", "from-first-node");
		this.driver.awaitEvent("a", "everyone");
		this.driver.awaitEvent("a", "direct");
		assertThat(inspection.sync().exists(sessionKey(pid))).as("a session is restored once").isZero();

		// The restored rooms are known to the cluster: the first node reaches the socket.
		node(0).io().to("room").emit("after", 7);
		assertThat(args(this.driver.awaitEvent("a", "after")).get(0).asInt()).isEqualTo(7);
		// Nothing came twice, and nothing that was not for the socket came at all.
		assertThat(values("a", "count")).containsExactly(0, 1, 2, 3, 4, 5);
		assertThat(values("a", "from-first-node")).containsExactly(1);
		assertThat(values("a", "everyone")).containsExactly(1);
		assertThat(values("a", "direct")).containsExactly(1);
	}

	@Test
	void thePrincipalStaysOnItsNodeAndIsAuthorizedAgainOnRecovery() throws Exception {
		startNodes(Duration.ofMinutes(2));
		SocketIoConnectAuthorizer authorizer = (socket) -> {
			String token = socket.handshake().auth().path("token").asString();
			return "secret-token-of-ada".equals(token) ? Mono.just(new TokenUser("ada", token))
					: Mono.error(new ConnectRejectedException("not authorized"));
		};
		this.nodes.forEach((node) -> node.io().use(authorizer.asMiddleware()));
		this.driver.connect("a", node(0).url("/"), Map.of("transports", List.of("websocket"), "reconnection", false,
				"auth", Map.of("token", "secret-token-of-ada")));
		JsonNode first = this.driver.await("a", "connect");
		String pid = first.path("pid").asString();
		SocketIoSocket original = nextConnection();
		assertThat(SocketIoPrincipal.get(original)).isEqualTo(new TokenUser("ada", "secret-token-of-ada"));
		assertThat(original.data()).doesNotContainKey(SocketIoPrincipal.ATTRIBUTE);
		// An event gives the client the offset it recovers from.
		node(1).io().to("room").emit("count", 0);
		this.driver.awaitEvent("a", "count");
		// Another node's view of the socket carries its data, not its principal.
		List<RemoteSocket> remote = node(1).io().fetchSockets().block(WAIT);
		assertThat(remote).singleElement().satisfies((socket) -> {
			assertThat(socket.data()).doesNotContainKey(SocketIoPrincipal.ATTRIBUTE);
			assertThat(SocketIoPrincipal.get(socket)).isNull();
		});

		this.driver.run("a", "closeEngine");
		awaitSessionKept(pid);
		byte[] kept;
		try (StatefulRedisConnection<byte[], byte[]> bytes = inspector.connect(ByteArrayCodec.INSTANCE)) {
			kept = bytes.sync().get(sessionKey(pid).getBytes(StandardCharsets.UTF_8));
		}
		assertThat(new String(kept, StandardCharsets.ISO_8859_1)).contains("ada").doesNotContain("secret-token-of-ada");

		this.driver.moveTo("a", node(1).url(""));
		this.driver.run("a", "connectAgain");
		JsonNode again = this.driver.await("a", "connect");
		assertThat(again.path("recovered").asBoolean()).isTrue();
		SocketIoSocket restored = nextConnection();
		assertThat(restored.recovered()).isTrue();
		assertThat(SocketIoPrincipal.get(restored)).isEqualTo(new TokenUser("ada", "secret-token-of-ada"));
	}

	@Test
	void theSessionsOfANodeThatShutsDownAreRestoredOnAnother() throws Exception {
		startNodes(Duration.ofMinutes(2));
		JsonNode first = connect("a", 0);
		nextConnection();
		node(0).io().to("room").emit("count", 0);
		this.driver.awaitEvent("a", "count");

		// A graceful shutdown: the sessions are stored before the node lets go of Redis.
		node(0).close();
		this.driver.await("a", "disconnect");
		node(1).io().to("room").emit("count", 1);
		node(1).io().to("room").emit("count", 2);

		this.driver.moveTo("a", node(1).url(""));
		this.driver.run("a", "connectAgain");
		JsonNode again = this.driver.await("a", "connect");
		assertThat(again.path("recovered").asBoolean()).isTrue();
		assertThat(again.path("sid").asString()).isEqualTo(first.path("sid").asString());
		assertThat(args(this.driver.awaitEvent("a", "count")).get(0).asInt()).isEqualTo(1);
		assertThat(args(this.driver.awaitEvent("a", "count")).get(0).asInt()).isEqualTo(2);
		node(1).io().to("room").emit("after", 3);
		this.driver.awaitEvent("a", "after");
		assertThat(values("a", "count")).containsExactly(0, 1, 2);
	}

	@Test
	void anUnknownSessionGetsANewOne() {
		startNodes(Duration.ofMinutes(2));
		this.driver.connect("a", node(1).url("/"), Map.of("transports", List.of("websocket"), "reconnection", false,
				"auth", Map.of("pid", "unknown", "offset", "1-0")));
		JsonNode connected = this.driver.await("a", "connect");
		assertThat(connected.path("recovered").asBoolean()).isFalse();
		assertThat(connected.path("pid").asString()).isNotEqualTo("unknown");
	}

	@Test
	void anExpiredSessionGetsANewOne() throws Exception {
		startNodes(Duration.ofSeconds(1));
		JsonNode first = connect("a", 0);
		String pid = first.path("pid").asString();
		nextConnection();
		node(0).io().to("room").emit("count", 0);
		this.driver.awaitEvent("a", "count");

		this.driver.run("a", "closeEngine");
		awaitSessionKept(pid);
		await().atMost(WAIT).until(() -> inspection.sync().exists(sessionKey(pid)) == 0);
		this.driver.moveTo("a", node(1).url(""));
		this.driver.run("a", "connectAgain");
		JsonNode again = this.driver.await("a", "connect");
		assertThat(again.path("recovered").asBoolean()).isFalse();
		assertThat(again.path("sid").asString()).isNotEqualTo(first.path("sid").asString());
	}

	@Test
	void withoutRedisBroadcastsStillReachTheNodesOwnSockets() throws Exception {
		startNodes(Duration.ofMinutes(2));
		connect("a", 0);
		nextConnection();
		redis.get().stopServer();
		try {
			await().atMost(WAIT).until(() -> !node(0).adapter().isConnected());
			node(0).io().to("room").emit("count", 1);
			assertThat(args(this.driver.awaitEvent("a", "count")).get(0).asInt()).isEqualTo(1);
		}
		finally {
			redis.get().startServer();
		}
		await().atMost(WAIT).until(() -> node(0).adapter().isConnected());
	}

}
