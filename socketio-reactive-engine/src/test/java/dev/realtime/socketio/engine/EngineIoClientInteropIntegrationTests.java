package dev.realtime.socketio.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import dev.realtime.socketio.internal.EngineIoEcho;
import dev.realtime.socketio.testsupport.NodeScript;
import dev.realtime.socketio.testsupport.TestFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Echo round trips with the official npm {@code engine.io-client} (version pinned in
 * {@code test-clients/package.json}) over each transport and through an upgrade.
 */
class EngineIoClientInteropIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private final BlockingQueue<String> closeReasons = new LinkedBlockingQueue<>();

	@RegisterExtension
	final TestFixture<EngineIoTestServer> servers = TestFixture.manual();

	private EngineIoTestServer server;

	@BeforeEach
	void startServer() {
		EngineIoServer engine = EngineIoServer.create(EngineIoTestServer.slowHeartbeat().build());
		engine.onConnection((socket) -> EngineIoEcho.attach(socket, this.closeReasons::add));
		this.server = this.servers.start(EngineIoTestServer.start(engine));
	}

	@Test
	void clientEchoesOverPolling() throws InterruptedException {
		try (NodeScript client = echoClient("polling", false)) {
			JsonNode open = client.awaitEvent("open", TIMEOUT);
			assertThat(open.path("transport").asString()).isEqualTo("polling");
			assertThat(open.path("sid").asString()).hasSize(20);
			assertEchoes(client, "polling");
		}
		assertSessionClosedByClient();
	}

	@Test
	void clientEchoesOverWebSocket() throws InterruptedException {
		try (NodeScript client = echoClient("websocket", false)) {
			JsonNode open = client.awaitEvent("open", TIMEOUT);
			assertThat(open.path("transport").asString()).isEqualTo("websocket");
			assertEchoes(client, "websocket");
		}
		assertSessionClosedByClient();
	}

	@Test
	void clientUpgradesFromPollingToWebSocketAndEchoes() throws InterruptedException {
		try (NodeScript client = echoClient("polling,websocket", true)) {
			JsonNode open = client.awaitEvent("open", TIMEOUT);
			assertThat(open.path("transport").asString()).isEqualTo("polling");
			JsonNode upgrade = client.nextJson(TIMEOUT);
			assertThat(upgrade.path("event").asString()).as("event %s", upgrade).isEqualTo("upgrade");
			assertThat(upgrade.path("transport").asString()).isEqualTo("websocket");
			assertEchoes(client, "websocket");
		}
		assertSessionClosedByClient();
	}

	private NodeScript echoClient(String transports, boolean waitForUpgrade) {
		return NodeScript.start("node/eio-echo.js", "http://127.0.0.1:" + this.server.port(), transports,
				String.valueOf(waitForUpgrade));
	}

	private void assertEchoes(NodeScript client, String transport) {
		List<JsonNode> events = client.awaitJson(3, TIMEOUT);
		assertThat(events).as("events")
			.extracting((event) -> event.path("event").asString())
			.containsExactly("message", "message", "close");
		assertThat(events.get(0).path("transport").asString()).isEqualTo(transport);
		assertThat(events.get(0).path("text").asString()).isEqualTo("hello");
		assertThat(events.get(1).path("transport").asString()).isEqualTo(transport);
		assertThat(events.get(1).path("binary").toString()).isEqualTo("[1,2,3,4]");
		assertThat(events.get(2).path("reason").asString()).isEqualTo("forced close");
		assertThat(client.awaitExit(TIMEOUT)).isZero();
	}

	private void assertSessionClosedByClient() throws InterruptedException {
		assertThat(this.closeReasons.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("transport close");
		this.server.awaitNoSessions();
	}

}
