package dev.realtime.socketio.engine;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import dev.realtime.socketio.testsupport.RawHttpConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What no library client would send, from a raw TCP client: invalid UTF-8 in a text frame
 * closes the WebSocket with 1007, a raw non-ASCII byte in the request line gets 400, an
 * unsupported WebSocket version gets 426, none of them logged as an error; and a
 * WebSocket from a foreign page is refused when no origins are configured.
 */
class EngineIoMalformedInputIntegrationTests {

	private final Map<String, String> closeReasons = new ConcurrentHashMap<>();

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private EngineIoTestServer server;

	@BeforeEach
	void start() {
		EngineIoServer engine = EngineIoServer.create(EngineIoTestServer.slowHeartbeat().build());
		engine.onConnection(EngineIoTestServer::echo);
		engine.addListener(new EngineIoServerListener() {

			@Override
			public void sessionClosed(EngineIoSocket socket, String reason) {
				EngineIoMalformedInputIntegrationTests.this.closeReasons.put(socket.id(), reason);
			}

		});
		this.server = EngineIoTestServer.start(engine);
		this.log.start();
		root().addAppender(this.log);
	}

	@AfterEach
	void stop() {
		root().detachAppender(this.log);
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void invalidUtf8InATextFrameClosesWith1007() throws Exception {
		try (TcpWebSocket ws = TcpWebSocket.open(this.server.port(), "EIO=4&transport=websocket", 0)) {
			String open = ws.nextText();
			String sid = open.substring(9, open.indexOf('"', 9));
			ws.send(TcpWebSocket.TEXT, new byte[] { '4', 'a', (byte) 0xff, 'b' });
			TcpWebSocket.Frame close = ws.next();
			assertThat(close).isNotNull();
			assertThat(close.closeStatus()).isEqualTo(1007);
			await().until(() -> this.closeReasons.containsKey(sid));
			assertThat(this.closeReasons.get(sid)).isEqualTo(EngineIoCloseReason.TRANSPORT_ERROR);
		}
	}

	@Test
	void validUtf8IsEchoed() throws Exception {
		try (TcpWebSocket ws = TcpWebSocket.open(this.server.port(), "EIO=4&transport=websocket", 0)) {
			ws.nextText();
			ws.sendText("4h\u00e9llo \ud83d\ude00");
			assertThat(ws.nextText()).isEqualTo("4h\u00e9llo \ud83d\ude00");
		}
	}

	@Test
	void rawNonAsciiByteInTheRequestLineGets400() throws Exception {
		byte[] request = "GET /engine.io/?EIO=4&transport=polling&x=\u00ff HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
			.getBytes(StandardCharsets.ISO_8859_1);
		assertThat(exchange(request)).startsWith("HTTP/1.1 400 ");
		assertThat(this.server.engine().sessionCount()).isZero();
	}

	@Test
	void unsupportedWebSocketVersionGets426WithoutAnErrorLogged() throws Exception {
		byte[] request = ("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		for (int i = 0; i < 20; i++) {
			String answer = exchange(request);
			assertThat(answer).startsWith("HTTP/1.1 426 ").containsIgnoringCase("sec-websocket-version: 13");
		}
		List<ILoggingEvent> errors = this.log.list.stream()
			.filter((event) -> event.getLevel().isGreaterOrEqual(Level.ERROR) || event.getThrowableProxy() != null)
			.toList();
		assertThat(errors).isEmpty();
		assertThat(this.log.list.stream().filter((event) -> event.getLevel() == Level.WARN).count())
			.as("warnings, rate-limited")
			.isLessThanOrEqualTo(10);
	}

	@Test
	void webSocketFromAForeignOriginIsRefusedWithoutConfiguredOrigins() throws Exception {
		String upgrade = "GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:" + this.server.port()
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
				+ "Sec-WebSocket-Version: 13\r\nOrigin: ";
		String foreign = exchange((upgrade + "https://evil.example.com\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		assertThat(foreign).startsWith("HTTP/1.1 403 ").endsWith("Origin not allowed");
		assertThat(this.server.engine().sessionCount()).isZero();
		try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
			socket.setSoTimeout((int) EngineIoTestServer.TIMEOUT.toMillis());
			socket.getOutputStream()
				.write((upgrade + "http://127.0.0.1:" + this.server.port() + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			byte[] head = socket.getInputStream().readNBytes(12);
			assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");
		}
	}

	private String exchange(byte[] request) throws IOException {
		return RawHttpConnection.exchange(this.server.port(), request);
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

}
