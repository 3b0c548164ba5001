package dev.realtime.socketio.engine;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.realtime.socketio.testsupport.RawWebSocketClient;
import dev.realtime.socketio.testsupport.TestFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slow readers: a session that cannot deliver is closed at its outbound limit, and other
 * sessions are not affected.
 */
class EngineIoBackpressureIntegrationTests {

	private final Map<String, String> closeReasons = new ConcurrentHashMap<>();

	private final List<EngineIoSocket> sockets = new CopyOnWriteArrayList<>();

	private final AtomicInteger dropped = new AtomicInteger();

	@RegisterExtension
	final TestFixture<EngineIoTestServer> servers = TestFixture.manual();

	private EngineIoTestServer server;

	private void start(EngineIoOptions options) {
		EngineIoServer engine = EngineIoServer.create(options);
		engine.addListener(new EngineIoServerListener() {

			@Override
			public void packetsDropped(EngineIoSocket socket, int count, String reason) {
				if (EngineIoServerListener.BACKPRESSURE.equals(reason)) {
					EngineIoBackpressureIntegrationTests.this.dropped.addAndGet(count);
				}
			}

			@Override
			public void sessionClosed(EngineIoSocket socket, String reason) {
				EngineIoBackpressureIntegrationTests.this.closeReasons.put(socket.id(), reason);
			}

		});
		engine.onConnection((socket) -> {
			EngineIoTestServer.echo(socket);
			this.sockets.add(socket);
		});
		this.server = this.servers.start(EngineIoTestServer.start(engine));
	}

	@Test
	void webSocketClientThatStopsReadingIsClosedAtTheLimitWhileOthersGoOn() throws Exception {
		start(EngineIoTestServer.slowHeartbeat().maxBufferedBytes(1024 * 1024).build());
		try (Socket stalled = new Socket("127.0.0.1", this.server.port())) {
			stalled.setReceiveBufferSize(4096);
			upgrade(stalled);
			await().until(() -> this.sockets.size() == 1);
			EngineIoSocket slow = this.sockets.get(0);
			RawWebSocketClient healthy = RawWebSocketClient
				.connect(this.server.http(), this.server.path("EIO=4&transport=websocket"))
				.awaitConnected();
			healthy.next();
			byte[] chunk = new byte[64 * 1024];
			// 100 MB offered to a client that reads nothing.
			for (int i = 0; i < 1600 && slow.isOpen(); i++) {
				slow.send(chunk);
			}
			await().until(() -> EngineIoCloseReason.BUFFER_OVERFLOW.equals(this.closeReasons.get(slow.id())));
			assertThat(this.dropped.get()).isPositive();
			healthy.send("4still here");
			assertThat(healthy.next().text()).isEqualTo("4still here");
			healthy.close();
		}
	}

	@Test
	void pollingClientThatStopsPollingIsClosedAtThePacketLimit() {
		start(EngineIoTestServer.slowHeartbeat().maxBufferedPackets(100).build());
		String sid = this.server.handshake();
		await().until(() -> this.sockets.size() == 1);
		EngineIoSocket socket = this.sockets.get(0);
		List<String> messages = new ArrayList<>();
		for (int i = 0; i < 101; i++) {
			messages.add("m" + i);
		}
		messages.forEach(socket::send);
		await().until(() -> EngineIoCloseReason.BUFFER_OVERFLOW.equals(this.closeReasons.get(sid)));
		assertThat(this.server.get(EngineIoTestServer.polling(sid)).status()).isEqualTo(400);
	}

	private void upgrade(Socket socket) throws Exception {
		OutputStream out = socket.getOutputStream();
		out.write(("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		InputStream in = socket.getInputStream();
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IllegalStateException("Connection closed during the upgrade: " + head);
			}
			head.append((char) b);
		}
		assertThat(head.toString()).startsWith("HTTP/1.1 101");
	}

}
