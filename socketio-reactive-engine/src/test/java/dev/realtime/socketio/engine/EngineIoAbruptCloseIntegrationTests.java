package dev.realtime.socketio.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that sends its last messages and drops the connection at once, with a TCP
 * reset (a crash, a tab closed, a client that closes without reading): what the server
 * had read before the reset reaches the application, although the answers it writes
 * meanwhile fail.
 */
class EngineIoAbruptCloseIntegrationTests {

	private static final int CLIENTS = 30;

	private final Map<String, List<String>> received = new ConcurrentHashMap<>();

	private final Map<String, String> closeReasons = new ConcurrentHashMap<>();

	private EngineIoTestServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void messagesReadBeforeAResetReachTheApplicationAlthoughTheirAnswersFail() throws Exception {
		EngineIoServer engine = EngineIoServer.create(EngineIoTestServer.slowHeartbeat().build());
		engine.onConnection(this::recordAndAnswer);
		this.server = EngineIoTestServer.start(engine);
		for (int i = 0; i < CLIENTS; i++) {
			TcpWebSocket ws = TcpWebSocket.open(this.server.port(), "EIO=4&transport=websocket", 0);
			assertThat(ws.nextText()).startsWith("0{");
			ws.sendTogether("4first", "4second", "4last");
			ws.reset();
		}
		await().until(() -> this.closeReasons.size() == CLIENTS);
		// Before the fix the answer to "first" failed on the reset connection, which
		// ended
		// the inbound at once: "second" and "last", read in the same batch, were dropped.
		assertThat(this.received).hasSize(CLIENTS)
			.allSatisfy((sid, messages) -> assertThat(messages).as(sid).containsExactly("first", "second", "last"));
	}

	private void recordAndAnswer(EngineIoSocket socket) {
		List<String> messages = this.received.computeIfAbsent(socket.id(), (sid) -> new CopyOnWriteArrayList<>());
		socket.setListener(new EngineIoSocketListener() {

			@Override
			public void onText(String text) {
				messages.add(text);
				socket.send("answer to " + text);
			}

			@Override
			public void onBinary(byte[] data) {
			}

			@Override
			public void onClose(String reason, String description) {
				EngineIoAbruptCloseIntegrationTests.this.closeReasons.put(socket.id(), reason);
			}

		});
	}

}
