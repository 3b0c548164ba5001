package dev.realtime.socketio.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.realtime.socketio.server.RemoteSocket;
import dev.realtime.socketio.testsupport.SocketIoNodeDriver;
import dev.realtime.socketio.testsupport.TestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.args;
import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two Java nodes on the Postgres adapter over a real Postgres, each with npm
 * {@code socket.io-client} 4.8.4 sockets: what one node does reaches the sockets of the
 * other once, large and binary payloads go through the attachment table, and what a
 * Postgres restart does to that.
 */
class PostgresAdapterIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@RegisterExtension
	static final TestFixture<TestPostgres> postgres = TestFixture.of(TestPostgres::start);

	private final List<PostgresTestNode> nodes = new ArrayList<>();

	private SocketIoNodeDriver driver;

	@BeforeEach
	void startNodes() {
		for (int i = 0; i < 2; i++) {
			PostgresTestNode node = PostgresTestNode.start(postgres.get());
			PostgresTestNode.configure(node.io(), i);
			this.nodes.add(node);
		}
		for (PostgresTestNode node : this.nodes) {
			await().atMost(WAIT).until(() -> node.serverCount() == 2);
		}
		this.driver = SocketIoNodeDriver.start();
	}

	@AfterEach
	void stopNodes() {
		this.driver.close();
		this.nodes.forEach(PostgresTestNode::close);
	}

	private PostgresTestNode node(int index) {
		return this.nodes.get(index);
	}

	private String connect(String id, int node, String... rooms) {
		this.driver.connect(id, node(node).url("/"),
				Map.of("transports", List.of("websocket"), "auth", Map.of("user", id), "query", Map.of("client", id)));
		String sid = this.driver.await(id, "connect").path("sid").asString();
		for (String room : rooms) {
			this.driver.emitWithAck(id, id + "-" + room, "join", room);
			this.driver.awaitAck(id, id + "-" + room);
		}
		return sid;
	}

	private List<JsonNode> received(String id, String event) {
		return received(this.driver, id, event);
	}

	/** The events of a name a socket received so far. */
	static List<JsonNode> received(SocketIoNodeDriver driver, String id, String event) {
		return driver.received((line) -> id.equals(line.path("id").asString())
				&& "event".equals(line.path("type").asString()) && event.equals(line.path("event").asString()));
	}

	/** Whether a socket receives an event within a moment. */
	static boolean heard(SocketIoNodeDriver driver, String id, String event) {
		try {
			driver.await((line) -> id.equals(line.path("id").asString()) && "event".equals(line.path("type").asString())
					&& event.equals(line.path("event").asString()), Duration.ofMillis(200));
			return true;
		}
		catch (AssertionError ex) {
			return false;
		}
	}

	@Test
	void broadcastsReachTheClientsOfBothNodesExactlyOnce() {
		connect("a", 0, "news");
		connect("b", 1, "news");
		connect("c", 1);
		node(0).io().to("news").emit("headline", 1);
		node(1).io().emit("everyone", 2);
		node(1).io().except("news").emit("outside", 3);
		for (String id : List.of("a", "b")) {
			assertThat(args(this.driver.awaitEvent(id, "headline")).get(0).asInt()).isEqualTo(1);
		}
		for (String id : List.of("a", "b", "c")) {
			this.driver.awaitEvent(id, "everyone");
		}
		this.driver.awaitEvent("c", "outside");
		// A last broadcast from each node to everyone: once both arrived, anything sent
		// twice would have.
		node(0).io().emit("last");
		node(1).io().emit("last");
		for (String id : List.of("a", "b", "c")) {
			this.driver.awaitEvent(id, "last");
			this.driver.awaitEvent(id, "last");
		}
		assertThat(received("a", "headline")).hasSize(1);
		assertThat(received("b", "headline")).hasSize(1);
		assertThat(received("c", "headline")).isEmpty();
		for (String id : List.of("a", "b", "c")) {
			assertThat(received(id, "everyone")).hasSize(1);
		}
		assertThat(received("a", "outside")).isEmpty();
		assertThat(received("b", "outside")).isEmpty();
		assertThat(received("c", "outside")).hasSize(1);
	}

	@Test
	void roomsAndFetchSocketsSpanTheNodes() {
		String a = connect("a", 0, "news");
		String b = connect("b", 1, "news", "b-room");
		List<RemoteSocket> sockets = node(0).io().to("news").fetchSockets().block(WAIT);
		assertThat(sockets).extracting(RemoteSocket::id).containsExactlyInAnyOrder(a, b);
		RemoteSocket remoteB = sockets.stream().filter((socket) -> socket.id().equals(b)).findFirst().orElseThrow();
		assertThat(remoteB.rooms()).containsExactlyInAnyOrder(b, "news", "b-room");
		assertThat(remoteB.data()).containsEntry("user", "b").containsEntry("node", 1);
		assertThat(remoteB.handshake().queryParam("client")).isEqualTo("b");

		node(0).io().to("news").socketsJoin("sports");
		await().atMost(WAIT).until(() -> node(1).io().to("sports").fetchSockets().block(WAIT).size() == 2);
		node(1).io().to("sports").emit("score", 3);
		this.driver.awaitEvent("a", "score");
		this.driver.awaitEvent("b", "score");

		node(1).io().in("b-room").socketsLeave("news");
		await().atMost(WAIT)
			.until(() -> node(0).io().to("news").fetchSockets().block(WAIT).stream().map(RemoteSocket::id).toList(),
					(ids) -> ids.equals(List.of(a)));

		node(0).io().in("sports").disconnectSockets(false);
		this.driver.await("a", "disconnect");
		this.driver.await("b", "disconnect");
	}

	@Test
	void serverSideEmitAndBroadcastAcksCrossNodes() {
		connect("a", 0);
		connect("b", 1);
		List<String> heard = new ArrayList<>();
		node(1).io().sockets().onServerSideEmit("hello", (args, ack) -> {
			heard.add(args.get(0).asString());
			if (ack != null) {
				ack.send("from-1");
			}
		});
		node(0).io().sockets().serverSideEmit("hello", "no-ack");
		await().atMost(WAIT).until(() -> heard.contains("no-ack"));
		List<JsonNode> answers = node(0).io().sockets().serverSideEmitWithAck(WAIT, "hello", "with-ack").block(WAIT);
		assertThat(answers).extracting(JsonNode::asString).containsExactly("from-1");

		this.driver.autoAck("a", "question", "answer-a");
		this.driver.autoAck("b", "question", "answer-b");
		assertThat(node(1).io().timeout(WAIT).emitWithAck("question").block(WAIT)).extracting(JsonNode::asString)
			.containsExactlyInAnyOrder("answer-a", "answer-b");
	}

	@Test
	void largeAndBinaryPayloadsGoThroughTheAttachmentTable() {
		connect("a", 0, "news");
		connect("b", 1, "news");
		long stored = node(0).factory().statistics().attachmentsWritten();
		String large = "x".repeat(20_000);
		node(0).io().to("news").emit("large", large);
		node(0).io().to("news").emit("binary", new byte[] { 1, 2, 3 });
		assertThat(args(this.driver.awaitEvent("b", "large")).get(0).asString()).isEqualTo(large);
		assertThat(bytes(args(this.driver.awaitEvent("b", "binary")).get(0))).containsExactly(1, 2, 3);
		this.driver.awaitEvent("a", "large");
		assertThat(node(0).factory().statistics().attachmentsWritten() - stored).isEqualTo(2);
		assertThat(node(1).factory().statistics().attachmentsRead()).isGreaterThanOrEqualTo(2);
		assertThat(postgres.get().count("SELECT count(*) FROM socket_io_attachments WHERE length(payload) > 20000"))
			.isGreaterThanOrEqualTo(1);
		assertThat(received("b", "large")).hasSize(1);
	}

	@Test
	void afterAPostgresRestartBroadcastsCrossTheNodesAgain() {
		connect("a", 0, "news");
		connect("b", 1, "news");
		postgres.get().stopServer();
		try {
			await().atMost(WAIT).until(() -> !node(0).factory().isConnected() && !node(1).factory().isConnected());
			node(0).io().to("news").emit("during", 1);
			assertThat(args(this.driver.awaitEvent("a", "during")).get(0).asInt()).isEqualTo(1);
			assertThatThrownBy(() -> node(0).io().fetchSockets().block(WAIT))
				.isInstanceOf(PostgresAdapterException.class);
		}
		finally {
			postgres.get().startServer();
		}
		for (PostgresTestNode node : this.nodes) {
			await().atMost(WAIT).until(() -> node.factory().isConnected());
			await().atMost(WAIT).until(() -> node.serverCount() == 2);
		}
		await().atMost(WAIT).until(() -> {
			node(0).io().to("news").emit("after", 2);
			return heard(this.driver, "b", "after");
		});
		await().atMost(WAIT).until(() -> {
			node(1).io().to("news").emit("back", 3);
			return heard(this.driver, "a", "back");
		});
		assertThat(received("b", "during")).isEmpty();
		assertThat(node(0).factory().statistics().listenConnections()).isGreaterThanOrEqualTo(2);
	}

}
