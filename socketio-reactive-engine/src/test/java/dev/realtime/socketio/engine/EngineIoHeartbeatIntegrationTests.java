package dev.realtime.socketio.engine;

import java.time.Duration;

import dev.realtime.socketio.testsupport.RawWebSocketClient;
import dev.realtime.socketio.testsupport.TestFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ping timeout against a real server and a raw WebSocket client (docs/protocol.md
 * 1.6): what else the client sends while its pong is due.
 */
class EngineIoHeartbeatIntegrationTests {

	private static final long PING_TIMEOUT_MILLIS = 2000;

	@RegisterExtension
	final TestFixture<EngineIoTestServer> servers = TestFixture.manual();

	@Test
	void firstPacketWhileAPongIsDueRestartsThePingTimeoutOnce() throws InterruptedException {
		EngineIoTestServer server = this.servers.start(EngineIoTestServer.echo(EngineIoOptions.builder()
			.pingInterval(Duration.ofMillis(300))
			.pingTimeout(Duration.ofMillis(PING_TIMEOUT_MILLIS))
			.build()));
		try (RawWebSocketClient ws = server.openWebSocket("EIO=4&transport=websocket").awaitConnected()) {
			assertThat(ws.nextText()).startsWith("0{");
			assertThat(ws.nextText()).isEqualTo("2");
			// The scenario is a client that is busy: it sends halfway through the ping
			// timeout instead of answering the ping, then again after the timeout of the
			// ping alone would have closed the session; the pauses are that client.
			Thread.sleep(PING_TIMEOUT_MILLIS / 2);
			ws.send("4busy");
			assertThat(ws.nextText()).isEqualTo("4busy");
			Thread.sleep(PING_TIMEOUT_MILLIS * 3 / 4);
			ws.send("4still-busy");
			assertThat(ws.nextText()).isEqualTo("4still-busy");
			// Only the first packet restarts the timeout: with no pong the session ends.
			ws.awaitClosed();
		}
		server.awaitNoSessions();
	}

}
