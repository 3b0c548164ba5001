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
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Java node and a Node {@code socket.io} 4.8.4 server with
 * {@code @socket.io/postgres-adapter} 0.5.0 on one Postgres: one cluster.
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
			assertThat(command(node, "fetched", "\"cmd\":\"fetch\",\"rooms\":[\"news\"]").path("ids"))
				.extracting(JsonNode::asString)
				.containsExactlyInAnyOrder(a, b);

			List<JsonNode> answers = java.io().sockets().serverSideEmitWithAck(WAIT, "hello", "x").block(WAIT);
			assertThat(answers).extracting(JsonNode::asString).containsExactly("from-node");
			node.writeLine("{\"cmd\":\"exit\"}");
		}
	}

}
