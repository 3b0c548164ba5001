package dev.realtime.socketio.postgres;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
 * The Node {@code @socket.io/postgres-emitter} 0.1.1 (on {@code pg} 8.23.1) reaches the
 * npm {@code socket.io-client} sockets of a Java node on the Postgres adapter, inline and
 * through the attachment table.
 */
class PostgresEmitterIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@RegisterExtension
	static final TestFixture<TestPostgres> postgres = TestFixture.of(TestPostgres::start);

	@Test
	void emitterReachesTheClientsOfAJavaNode() {
		try (PostgresTestNode java = PostgresTestNode.start(postgres.get());
				SocketIoNodeDriver driver = SocketIoNodeDriver.start()) {
			PostgresTestNode.configure(java.io(), "java");
			driver.connect("a", java.url("/"), Map.of("transports", List.of("websocket")));
			driver.await("a", "connect");
			driver.emitWithAck("a", "join", "join", "news");
			driver.awaitAck("a", "join");
			driver.connect("b", java.url("/"), Map.of("transports", List.of("websocket")));
			driver.await("b", "connect");
			await().atMost(WAIT).until(() -> java.factory().isConnected());
			try (NodeScript emitter = NodeScript.start("node/postgres-emitter.js", postgres.get().nodeUrl(), "news")) {
				emitter.awaitEvent("sent", WAIT);
				JsonNode small = driver.awaitEvent("a", "from-emitter");
				assertThat(args(small).get(0).asString()).isEqualTo("hi");
				assertThat(args(small).get(1).path("n").asInt()).isEqualTo(1);
				JsonNode large = driver.awaitEvent("a", "large-from-emitter");
				assertThat(args(large).get(0).asString()).hasSize(10_000);
				assertThat(java.factory().statistics().attachmentsRead()).isEqualTo(1);
			}
			assertThat(driver.received(
					(line) -> "b".equals(line.path("id").asString()) && "event".equals(line.path("type").asString())))
				.isEmpty();
		}
	}

}
