package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.realtime.socketio.server.adapter.BroadcastOptions;
import dev.realtime.socketio.testsupport.SocketIoNodeDriver;
import dev.realtime.socketio.testsupport.TestFixture;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two Java nodes on the Redis Streams adapter, each with npm {@code socket.io-client}
 * sockets: what one node does reaches the sockets of the other, and what a Redis outage
 * does to that.
 */
class RedisStreamsAdapterIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	static final TestFixture<TestRedis> redis = TestFixture.of(TestRedis::start);

	private final List<StreamsTestNode> nodes = new ArrayList<>();

	private SocketIoNodeDriver driver;

	@BeforeEach
	void startNodes() {
		for (int i = 0; i < 2; i++) {
			StreamsTestNode node = StreamsTestNode.start(redis.get());
			TestNode.configure(node.io(), i);
			this.nodes.add(node);
		}
		for (StreamsTestNode node : this.nodes) {
			await().atMost(WAIT).until(() -> node.serverCount() == 2);
		}
		this.driver = SocketIoNodeDriver.start();
	}

	@AfterEach
	void stopNodes() {
		this.driver.close();
		this.nodes.forEach(StreamsTestNode::close);
	}

	private StreamsTestNode node(int index) {
		return this.nodes.get(index);
	}

	private String connect(String id, int node, String... rooms) {
		return ClusterClients.connect(this.driver, id, node(node).url("/"), rooms);
	}

	private List<JsonNode> received(String id, String event) {
		return ClusterClients.received(this.driver, id, event);
	}

	@Test
	void broadcastsGoThroughTheStreamToEveryNodeOnce() {
		connect("a", 0, "news");
		connect("b", 1, "news");
		connect("c", 1);
		node(0).io().to("news").emit("headline", 1);
		node(1).io().emit("everyone", 2);
		for (String id : List.of("a", "b")) {
			assertThat(args(this.driver.awaitEvent(id, "headline")).get(0).asInt()).isEqualTo(1);
		}
		for (String id : List.of("a", "b", "c")) {
			this.driver.awaitEvent(id, "everyone");
		}
		node(0).io().emit("last");
		for (String id : List.of("a", "b", "c")) {
			this.driver.awaitEvent(id, "last");
		}
		assertThat(received("a", "headline")).hasSize(1);
		assertThat(received("b", "headline")).hasSize(1);
		assertThat(received("c", "headline")).isEmpty();
		assertThat(received("a", "everyone")).hasSize(1);
		try (RedisClient inspector = RedisClient.create(redis.get().uri());
				StatefulRedisConnection<String, String> inspection = inspector.connect()) {
			assertThat(inspection.sync().xlen("socket.io")).isGreaterThanOrEqualTo(3);
		}
	}

	@Test
	void requestsAndAcknowledgementsCrossNodes() {
		String a = connect("a", 0, "news");
		String b = connect("b", 1, "news");
		assertThat(node(0).io().to("news").fetchSockets().block(WAIT)).extracting((socket) -> socket.id())
			.containsExactlyInAnyOrder(a, b);
		node(0).io().to("news").socketsJoin("sports");
		await().atMost(WAIT).until(() -> node(1).io().to("sports").fetchSockets().block(WAIT).size() == 2);

		node(1).io().sockets().onServerSideEmit("hello", (args, ack) -> ack.send("from-1"));
		List<JsonNode> answers = node(0).adapter()
			.serverSideEmitWithAck(JsonNodeFactory.instance.arrayNode().add("hello"),
					BroadcastOptions.builder().timeout(WAIT).build())
			.block(WAIT);
		assertThat(answers).extracting(JsonNode::asString).containsExactly("from-1");

		this.driver.autoAck("a", "question", "answer-a");
		this.driver.autoAck("b", "question", "answer-b");
		assertThat(node(1).io().timeout(WAIT).emitWithAck("question").block(WAIT)).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("answer-a", "answer-b");

		node(1).io().in("sports").disconnectSockets(false);
		this.driver.await("a", "disconnect");
		this.driver.await("b", "disconnect");
	}

	@Test
	void duringAnOutageTheNodeServesItsOwnSocketsAndAfterwardsTheClusterAgain() {
		connect("a", 0, "news");
		connect("b", 1, "news");
		redis.get().stopServer();
		try {
			await().atMost(WAIT).until(() -> !node(0).factory().isConnected());
			node(0).io().to("news").emit("during", 1);
			assertThat(args(this.driver.awaitEvent("a", "during")).get(0).asInt()).isEqualTo(1);
			assertThatThrownBy(() -> node(0).io().fetchSockets().block(WAIT)).isInstanceOf(RedisAdapterException.class);
		}
		finally {
			redis.get().startServer();
		}
		for (StreamsTestNode node : this.nodes) {
			await().atMost(WAIT).until(() -> node.factory().isConnected());
			await().atMost(WAIT).until(() -> node.serverCount() == 2);
		}
		// The readers go on: a broadcast after the outage reaches the other node.
		await().atMost(WAIT).until(() -> {
			node(0).io().to("news").emit("after", 2);
			return ClusterClients.heard(this.driver, "b", "after");
		});
		assertThat(received("b", "during")).isEmpty();
	}

}
