package dev.realtime.socketio.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.realtime.socketio.netty.HttpRequestTimeouts;
import dev.realtime.socketio.testsupport.RawHttpConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests sent too slowly, from a raw TCP client: half a request line, and a POST body
 * that trickles, get {@code 408} and lose their connection; a long-poll and an idle
 * WebSocket, which wait longer than both timeouts, are left alone.
 */
class EngineIoRequestTimeoutIntegrationTests {

	private static final HttpRequestTimeouts TIMEOUTS = new HttpRequestTimeouts(Duration.ofMillis(300),
			Duration.ofMillis(300));

	private EngineIoTestServer server;

	/**
	 * A heartbeat slower than both timeouts: a ping proves a connection outlived them.
	 */
	private void start() {
		EngineIoServer engine = EngineIoServer.create(EngineIoOptions.builder()
			.pingInterval(Duration.ofMillis(1200))
			.pingTimeout(Duration.ofSeconds(5))
			.build());
		engine.onConnection(EngineIoTestServer::echo);
		this.server = EngineIoTestServer.start(TIMEOUTS, engine);
	}

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void halfARequestLineGets408AndLosesItsConnection() throws Exception {
		start();
		try (RawHttpConnection socket = RawHttpConnection.open(this.server.port())) {
			socket.send("GET /engine.io/?EIO=4&trans");
			String answer = socket.readToEnd();
			assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout\r\n").containsIgnoringCase("connection: close");
		}
	}

	@Test
	void headersThatTrickleGet408() throws Exception {
		start();
		try (RawHttpConnection socket = RawHttpConnection.open(this.server.port())) {
			socket.send("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\n");
			// One header line every 50 ms, the pace of the attack, never the end of the
			// headers.
			Thread trickle = new Thread(() -> {
				try {
					for (int i = 0; i < 200; i++) {
						socket.send("X-Trickle-" + i + ": x\r\n");
						Thread.sleep(50);
					}
				}
				catch (IOException | InterruptedException ex) {
					// closed by the server
				}
			});
			trickle.setDaemon(true);
			trickle.start();
			assertThat(socket.readToEnd()).startsWith("HTTP/1.1 408 Request Timeout\r\n");
		}
	}

	@Test
	void pollingBodyThatTricklesGets408AndLosesItsConnection() throws Exception {
		start();
		String sid = this.server.handshake();
		try (RawHttpConnection socket = RawHttpConnection.open(this.server.port())) {
			socket.send("POST /engine.io/?EIO=4&transport=polling&sid=" + sid
					+ " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 999000\r\n\r\n4a");
			String answer = socket.readToEnd();
			assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout\r\n");
		}
	}

	@Test
	void longPollOutlivesTheTimeouts() throws Exception {
		start();
		String sid = this.server.handshake();
		try (RawHttpConnection socket = RawHttpConnection.open(this.server.port())) {
			socket.send("GET /engine.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
			// Held until the first ping, four times the timeouts later.
			String answer = readResponse(socket);
			assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").endsWith("2");
		}
	}

	@Test
	void idleWebSocketOutlivesTheTimeouts() throws Exception {
		start();
		try (TcpWebSocket ws = TcpWebSocket.open(this.server.port(), "EIO=4&transport=websocket", 0)) {
			assertThat(ws.nextText()).startsWith("0{");
			TcpWebSocket.Frame ping = ws.next();
			assertThat(ping).isNotNull();
			assertThat(ping.text()).isEqualTo("2");
			ws.sendText("3");
			ws.sendText("4still here");
			assertThat(ws.nextText()).isEqualTo("4still here");
		}
	}

	/** Read one response with a Content-Length body. */
	private static String readResponse(RawHttpConnection socket) throws IOException {
		InputStream in = socket.in();
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.append((char) b);
		}
		String headers = head.toString().toLowerCase(Locale.ROOT);
		int at = headers.indexOf("content-length: ");
		int length = Integer.parseInt(headers.substring(at + 16, headers.indexOf('\r', at)).trim());
		byte[] body = in.readNBytes(length);
		return head + new String(body, StandardCharsets.UTF_8);
	}

}
