package dev.realtime.socketio.postgres;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.realtime.socketio.server.RemoteSocket;
import dev.realtime.socketio.testsupport.NodeScript;
import dev.realtime.socketio.testsupport.SocketIoNodeDriver;
import dev.realtime.socketio.testsupport.TestFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.args;
import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A Java node and a Node {@code socket.io} 4.8.4 server with
 * {@code @socket.io/postgres-adapter} 0.5.0 on one Postgres: one cluster, with binary and
 * large payloads through the attachment table, and a Postgres restart.
 */
class PostgresNodeInteropIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@RegisterExtension
	static final TestFixture<TestPostgres> postgres = TestFixture.of(TestPostgres::start);

	private int tags;

	private JsonNode command(NodeScript node, String answer, String json) {
		String tag = "t" + (++this.tags);
		node.writeLine("{\"tag\":\"" + tag + "\"," + json + "}");
		while (true) {
			JsonNode line = node.awaitEvent(answer, WAIT);
			if (tag.equals(line.path("tag").asString())) {
				return line;
			}
		}
	}

	private static String connect(SocketIoNodeDriver driver, String id, String url, String room) {
		driver.connect(id, url, Map.of("transports", List.of("websocket")));
		String sid = driver.await(id, "connect").path("sid").asString();
		driver.emitWithAck(id, id + "-join", "join", room);
		driver.awaitAck(id, id + "-join");
		return sid;
	}

	@Test
	void javaAndNodeServersShareBroadcastsRoomsFetchSocketsAndServerSideEmit() {
		try (PostgresTestNode java = PostgresTestNode.start(postgres.get());
				NodeScript node = NodeScript.start("node/postgres-node-server.js", postgres.get().nodeUrl());
				SocketIoNodeDriver driver = SocketIoNodeDriver.start()) {
			PostgresTestNode.configure(java.io(), "java");
			String nodeUrl = "http://127.0.0.1:" + node.awaitEvent("ready", WAIT).path("port").asInt() + "/";
			await().atMost(WAIT).until(() -> java.serverCount() == 2);
			await().atMost(WAIT).until(() -> command(node, "count", "\"cmd\":\"count\"").path("count").asInt() == 2);
			String a = connect(driver, "a", java.url("/"), "news");
			String b = connect(driver, "b", nodeUrl, "news");

			java.io().to("news").emit("from-java", "hi");
			command(node, "emitted", "\"cmd\":\"emit\",\"rooms\":[\"news\"],\"event\":\"from-node\",\"args\":[\"yo\"]");
			for (String id : List.of("a", "b")) {
				assertThat(args(driver.awaitEvent(id, "from-java")).get(0).asString()).isEqualTo("hi");
				assertThat(args(driver.awaitEvent(id, "from-node")).get(0).asString()).isEqualTo("yo");
			}
			java.io().emit("last");
			command(node, "emitted", "\"cmd\":\"emit\",\"event\":\"last\"");
			for (String id : List.of("a", "b")) {
				driver.awaitEvent(id, "last");
				driver.awaitEvent(id, "last");
				for (String event : List.of("from-java", "from-node")) {
					assertThat(driver.received((line) -> id.equals(line.path("id").asString())
							&& event.equals(line.path("event").asString())))
						.hasSize(1);
				}
			}

			assertThat(java.io().to("news").fetchSockets().block(WAIT)).extracting(RemoteSocket::id)
				.containsExactlyInAnyOrder(a, b);
			assertThat(command(node, "fetched", "\"cmd\":\"fetch\",\"rooms\":[\"news\"]").path("sockets"))
				.extracting((socket) -> socket.path("id").asString())
				.containsExactlyInAnyOrder(a, b);

			List<JsonNode> answers = java.io().sockets().serverSideEmitWithAck(WAIT, "hello", "x").block(WAIT);
			assertThat(answers).extracting((answer) -> answer.path("node").asString()).containsExactly("node");
			node.writeLine("{\"cmd\":\"exit\"}");
		}
	}

	@Test
	void binaryAndLargePayloadsCrossBetweenJavaAndNodeThroughTheAttachmentTable() {
		try (PostgresTestNode java = PostgresTestNode.start(postgres.get());
				NodeScript node = NodeScript.start("node/postgres-node-server.js", postgres.get().nodeUrl());
				SocketIoNodeDriver driver = SocketIoNodeDriver.start()) {
			PostgresTestNode.configure(java.io(), "java");
			java.io().sockets().onServerSideEmit("echo", (args, ack) -> ack.send(args.get(0)));
			String nodeUrl = "http://127.0.0.1:" + node.awaitEvent("ready", WAIT).path("port").asInt() + "/";
			awaitEachOther(java, node);
			connect(driver, "a", java.url("/"), "news");
			connect(driver, "b", nodeUrl, "news");
			long before = postgres.get().count("SELECT count(*) FROM socket_io_attachments");
			String large = "x".repeat(10_000);

			java.io().to("news").emit("bin-java", "hi", new byte[] { 1, 2, 3 });
			java.io().to("news").emit("large-java", large);
			command(node, "emitted", "\"cmd\":\"emit\",\"rooms\":[\"news\"],\"event\":\"bin-node\",\"args\":[\"yo\","
					+ bin(new byte[] { 4, 5 }) + ",{\"nested\":" + bin(new byte[] { 6 }) + "}]");
			command(node, "emitted",
					"\"cmd\":\"emit\",\"rooms\":[\"news\"],\"event\":\"large-node\",\"args\":[\"" + large + "\"]");
			for (String id : List.of("a", "b")) {
				JsonNode fromJava = driver.awaitEvent(id, "bin-java");
				assertThat(args(fromJava).get(0).asString()).isEqualTo("hi");
				assertThat(bytes(args(fromJava).get(1))).containsExactly(1, 2, 3);
				assertThat(args(driver.awaitEvent(id, "large-java")).get(0).asString()).isEqualTo(large);
				JsonNode fromNode = driver.awaitEvent(id, "bin-node");
				assertThat(args(fromNode).get(0).asString()).isEqualTo("yo");
				assertThat(bytes(args(fromNode).get(1))).containsExactly(4, 5);
				assertThat(bytes(args(fromNode).get(2).path("nested"))).containsExactly(6);
				assertThat(args(driver.awaitEvent(id, "large-node")).get(0).asString()).isEqualTo(large);
			}
			// Each server wrote its binary and large broadcasts as rows.
			assertThat(postgres.get().count("SELECT count(*) FROM socket_io_attachments"))
				.isGreaterThanOrEqualTo(before + 4);

			// serverSideEmitWithAck with binary arguments and answers, both ways.
			List<JsonNode> fromJava = java.io()
				.sockets()
				.serverSideEmitWithAck(WAIT, "echo", (Object) new byte[] { 7, 8 })
				.block(WAIT);
			assertThat(fromJava).hasSize(1);
			assertThat(fromJava.get(0).binaryValue()).containsExactly(7, 8);
			assertThat(bytes(node.awaitEvent("server-side-emit", WAIT).path("arg"))).containsExactly(7, 8);
			JsonNode fromNode = command(node, "server-acks",
					"\"cmd\":\"serverSideEmitWithAck\",\"event\":\"echo\",\"args\":[" + bin(new byte[] { 9 }) + "]");
			assertThat(fromNode.path("responses")).hasSize(1);
			assertThat(bytes(fromNode.path("responses").get(0))).containsExactly(9);
			node.writeLine("{\"cmd\":\"exit\"}");
		}
	}

	@Test
	void javaAndNodeServersBothRecoverFromAPostgresRestart() {
		try (PostgresTestNode java = PostgresTestNode.start(postgres.get());
				NodeScript node = NodeScript.start("node/postgres-node-server.js", postgres.get().nodeUrl());
				SocketIoNodeDriver driver = SocketIoNodeDriver.start()) {
			PostgresTestNode.configure(java.io(), "java");
			String nodeUrl = "http://127.0.0.1:" + node.awaitEvent("ready", WAIT).path("port").asInt() + "/";
			awaitEachOther(java, node);
			String a = connect(driver, "a", java.url("/"), "news");
			String b = connect(driver, "b", nodeUrl, "news");

			postgres.get().stopServer();
			try {
				await().atMost(WAIT).until(() -> !java.factory().isConnected());
				// Each server still reaches its own clients; what it publishes meanwhile
				// is
				// lost for the other one.
				java.io().to("news").emit("during-java");
				driver.awaitEvent("a", "during-java");
				command(node, "emitted", "\"cmd\":\"emit\",\"rooms\":[\"news\"],\"event\":\"during-node\"");
				driver.awaitEvent("b", "during-node");
				assertThatThrownBy(() -> java.io().fetchSockets().block(WAIT))
					.isInstanceOf(PostgresAdapterException.class);
			}
			finally {
				postgres.get().startServer();
			}
			await().atMost(WAIT).until(() -> java.factory().isConnected());
			awaitEachOther(java, node);
			// Notifications sent before a server listens again are lost: send until
			// heard.
			await().atMost(WAIT).until(() -> {
				java.io().to("news").emit("after-java");
				return PostgresAdapterIntegrationTests.heard(driver, "b", "after-java");
			});
			await().atMost(WAIT).until(() -> {
				command(node, "emitted", "\"cmd\":\"emit\",\"rooms\":[\"news\"],\"event\":\"after-node\"");
				return PostgresAdapterIntegrationTests.heard(driver, "a", "after-node");
			});
			assertThat(java.io().to("news").fetchSockets().block(WAIT)).extracting(RemoteSocket::id)
				.containsExactlyInAnyOrder(a, b);
			assertThat(command(node, "fetched", "\"cmd\":\"fetch\",\"rooms\":[\"news\"]").path("sockets"))
				.extracting((socket) -> socket.path("id").asString())
				.containsExactlyInAnyOrder(a, b);
			assertThat(PostgresAdapterIntegrationTests.received(driver, "a", "during-node")).isEmpty();
			assertThat(PostgresAdapterIntegrationTests.received(driver, "b", "during-java")).isEmpty();
			assertThat(node.isAlive()).isTrue();
			node.writeLine("{\"cmd\":\"exit\"}");
		}
	}

	private void awaitEachOther(PostgresTestNode java, NodeScript node) {
		await().atMost(WAIT).until(() -> java.serverCount() == 2);
		await().atMost(WAIT).until(() -> command(node, "count", "\"cmd\":\"count\"").path("count").asInt() == 2);
	}

	private static String bin(byte[] bytes) {
		return SocketIoNodeDriver.bin(bytes).toString();
	}

}
