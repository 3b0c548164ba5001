package dev.realtime.socketio.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.realtime.socketio.testsupport.RawWebSocketClient;
import dev.realtime.socketio.testsupport.TestFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server-side close that lands while the client is upgrading, with polling paused.
 */
class EngineIoUpgradeCloseIntegrationTests {

	private final Map<String, EngineIoSocket> sockets = new ConcurrentHashMap<>();

	@RegisterExtension
	final TestFixture<EngineIoTestServer> servers = TestFixture.manual();

	private EngineIoTestServer server;

	@Test
	void closeDuringTheUpgradeReachesTheClientOnTheNewWebSocket() {
		EngineIoServer engine = EngineIoServer.create(EngineIoTestServer.slowHeartbeat().build());
		engine.onConnection((socket) -> this.sockets.put(socket.id(), socket));
		this.server = this.servers.start(EngineIoTestServer.start(engine));
		String sid = this.server.handshake();
		RawWebSocketClient ws = this.server.openWebSocket("EIO=4&transport=websocket&sid=" + sid).awaitConnected();
		ws.send("2probe");
		assertThat(ws.nextText()).isEqualTo("3probe");
		await().until(() -> this.sockets.containsKey(sid));
		EngineIoSocket socket = this.sockets.get(sid);
		socket.send("bye");
		socket.close();
		// No poll is pending: the client has paused polling and completes the upgrade.
		ws.send("5");
		assertThat(ws.nextText()).isEqualTo("4bye");
		ws.awaitClosed();
		this.server.awaitNoSessions();
	}

}
