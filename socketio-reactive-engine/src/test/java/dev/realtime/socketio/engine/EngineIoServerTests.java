package dev.realtime.socketio.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.realtime.socketio.testsupport.RawWebSocketClient;
import dev.realtime.socketio.internal.EngineIoEcho;
import dev.realtime.socketio.testsupport.TestFixture;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import dev.realtime.socketio.engine.EngineIoTestServer.Reply;
import dev.realtime.socketio.engine.packet.EnginePacket;

import static dev.realtime.socketio.engine.EngineIoTestServer.SEPARATOR;
import static dev.realtime.socketio.engine.EngineIoTestServer.block;
import static dev.realtime.socketio.engine.EngineIoTestServer.onLoop;
import static dev.realtime.socketio.engine.EngineIoTestServer.polling;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link EngineIoServer} and the sessions it hands to the application: close
 * reasons, sends from other threads, several engines on one HTTP server.
 */
class EngineIoServerTests {

	private final BlockingQueue<String> closeReasons = new LinkedBlockingQueue<>();

	private final List<EngineIoSocket> sockets = new CopyOnWriteArrayList<>();

	@RegisterExtension
	final TestFixture<EngineIoTestServer> servers = TestFixture.manual();

	private EngineIoTestServer server;

	private EngineIoServer engine(EngineIoOptions.Builder options) {
		EngineIoServer engine = EngineIoServer.create(options.build());
		engine.onConnection((socket) -> {
			this.sockets.add(socket);
			EngineIoEcho.attach(socket, this.closeReasons::add);
		});
		return engine;
	}

	private EngineIoTestServer start(EngineIoOptions.Builder options) {
		this.server = this.servers.start(EngineIoTestServer.start(engine(options)));
		return this.server;
	}

	private String nextCloseReason() throws InterruptedException {
		String reason = this.closeReasons.poll(EngineIoTestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(reason).as("close reason").isNotNull();
		return reason;
	}

	/**
	 * The n-th session the connection handler saw. A WebSocket session's open packet is
	 * flushed before the handler runs (as on the reference server), so the client may
	 * read it first.
	 */
	private EngineIoSocket socket(int n) {
		await().atMost(EngineIoTestServer.TIMEOUT).until(() -> this.sockets.size() > n);
		return this.sockets.get(n);
	}

	private RawWebSocketClient openWebSocketSession() {
		RawWebSocketClient ws = this.server.openWebSocket("EIO=4&transport=websocket").awaitConnected();
		assertThat(ws.nextText()).startsWith("0{");
		return ws;
	}

	// Close reasons

	@Test
	void closePacketOverPollingIsATransportClose() throws InterruptedException {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		this.server.post(polling(sid), "1");
		assertThat(nextCloseReason()).isEqualTo(EngineIoCloseReason.TRANSPORT_CLOSE);
		this.server.awaitNoSessions();
	}

	@Test
	void webSocketClosedByTheClientIsATransportClose() throws InterruptedException {
		start(EngineIoTestServer.slowHeartbeat());
		openWebSocketSession().close();
		assertThat(nextCloseReason()).isEqualTo(EngineIoCloseReason.TRANSPORT_CLOSE);
		this.server.awaitNoSessions();
	}

	@Test
	void missingPongIsAPingTimeout() throws InterruptedException {
		start(EngineIoTestServer.fastHeartbeat());
		this.server.handshake();
		assertThat(nextCloseReason()).isEqualTo(EngineIoCloseReason.PING_TIMEOUT);
		this.server.awaitNoSessions();
	}

	@Test
	void missingPongOverWebSocketIsAPingTimeout() throws InterruptedException {
		start(EngineIoTestServer.fastHeartbeat());
		try (RawWebSocketClient ws = openWebSocketSession()) {
			assertThat(nextCloseReason()).isEqualTo(EngineIoCloseReason.PING_TIMEOUT);
			ws.awaitClosed();
		}
	}

	@Test
	void invalidPayloadIsAParseError() throws InterruptedException {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		this.server.post(polling(sid), "abc");
		assertThat(nextCloseReason()).isEqualTo(EngineIoCloseReason.PARSE_ERROR);
	}

	@Test
	void invalidWebSocketFrameIsAParseError() throws InterruptedException {
		start(EngineIoTestServer.slowHeartbeat());
		try (RawWebSocketClient ws = openWebSocketSession()) {
			ws.send("abc");
			assertThat(nextCloseReason()).isEqualTo(EngineIoCloseReason.PARSE_ERROR);
		}
	}

	@Test
	void webSocketFrameOverTheLimitIsATransportError() throws InterruptedException {
		start(EngineIoTestServer.slowHeartbeat().maxHttpBufferSize(100));
		try (RawWebSocketClient ws = openWebSocketSession()) {
			ws.send("4" + "x".repeat(100));
			assertThat(nextCloseReason()).isEqualTo(EngineIoCloseReason.TRANSPORT_ERROR);
			ws.awaitClosed();
		}
	}

	@Test
	void closeByTheApplicationIsAForcedClose() throws InterruptedException {
		start(EngineIoTestServer.slowHeartbeat());
		try (RawWebSocketClient ws = openWebSocketSession()) {
			socket(0).close();
			assertThat(nextCloseReason()).isEqualTo(EngineIoCloseReason.FORCED_CLOSE);
			ws.awaitClosed();
		}
		assertThat(socket(0).isOpen()).isFalse();
		this.server.awaitNoSessions();
	}

	@Test
	void closeByTheApplicationOverPollingIsAForcedClose() throws InterruptedException {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		socket(0).close();
		assertThat(nextCloseReason()).isEqualTo(EngineIoCloseReason.FORCED_CLOSE);
		assertThat(this.server.get(polling(sid)).text()).isEqualTo("1");
		this.server.awaitNoSessions();
	}

	@Test
	void abortedPollIsATransportError() throws IOException, InterruptedException {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + this.server.path(polling(sid)) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}
		assertThat(nextCloseReason()).isEqualTo(EngineIoCloseReason.TRANSPORT_ERROR);
		this.server.awaitNoSessions();
	}

	@Test
	void abortedPollIsATransportErrorWhateverTheTiming() throws IOException, InterruptedException {
		start(EngineIoTestServer.slowHeartbeat());
		for (int i = 0; i < 50; i++) {
			String sid = this.server.handshake();
			try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
				socket.setSoLinger(true, 0);
				OutputStream out = socket.getOutputStream();
				out.write(("GET " + this.server.path(polling(sid)) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
			assertThat(nextCloseReason()).as("close reason of session %d", i)
				.isEqualTo(EngineIoCloseReason.TRANSPORT_ERROR);
		}
		this.server.awaitNoSessions();
	}

	@Test
	void abortedPostIsATransportError() throws IOException, InterruptedException {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + this.server.path(polling(sid)) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Content-Length: 100\r\n\r\n4partial")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}
		assertThat(nextCloseReason()).isEqualTo(EngineIoCloseReason.TRANSPORT_ERROR);
		this.server.awaitNoSessions();
	}

	@Test
	void overlappingPollIsATransportError() throws InterruptedException {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		Mono<Reply> first = this.server.getAsync(polling(sid)).cache();
		Mono<Reply> second = this.server.getAsync(polling(sid)).cache();
		first.subscribe();
		second.subscribe();
		assertThat(nextCloseReason()).isEqualTo(EngineIoCloseReason.TRANSPORT_ERROR);
		block(first);
		block(second);
	}

	@Test
	void shutdownClosesEverySessionAndRefusesNewOnes() throws InterruptedException {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		Mono<Reply> pending = this.server.pendingPoll(sid);
		try (RawWebSocketClient ws = openWebSocketSession()) {
			this.server.engine().shutdown().block(EngineIoTestServer.TIMEOUT);
			assertThat(nextCloseReason()).isEqualTo(EngineIoCloseReason.SERVER_SHUTTING_DOWN);
			assertThat(nextCloseReason()).isEqualTo(EngineIoCloseReason.SERVER_SHUTTING_DOWN);
			ws.awaitClosed();
		}
		this.server.awaitNoSessions();
		assertThat(block(pending).text()).isEqualTo("1");
		Reply refused = this.server.get("EIO=4&transport=polling");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().path("code").asInt()).isEqualTo(3);
	}

	@Test
	void closeListenerIsCalledOnce() throws InterruptedException {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		EngineIoSocket socket = socket(0);
		onLoop(socket, () -> {
			socket.close();
			socket.close(EngineIoCloseReason.TRANSPORT_ERROR);
		});
		this.server.post(polling(sid), "1");
		assertThat(nextCloseReason()).isEqualTo(EngineIoCloseReason.FORCED_CLOSE);
		this.server.engine().shutdown().block(EngineIoTestServer.TIMEOUT);
		assertThat(this.closeReasons.poll(100, TimeUnit.MILLISECONDS)).isNull();
	}

	// Sending

	@Test
	void sendsFromAnotherThreadArriveInOrderOverWebSocket() throws Exception {
		start(EngineIoTestServer.slowHeartbeat());
		try (RawWebSocketClient ws = openWebSocketSession()) {
			EngineIoSocket socket = socket(0);
			sendFromAnotherThread(socket, 1000);
			for (int i = 0; i < 1000; i++) {
				assertThat(ws.nextText()).isEqualTo("4m" + i);
			}
		}
	}

	@Test
	void sendsFromAnotherThreadArriveInOrderOverPolling() throws Exception {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		EngineIoSocket socket = socket(0);
		sendFromAnotherThread(socket, 1000);
		List<String> received = new ArrayList<>();
		while (received.size() < 1000) {
			Reply reply = this.server.get(polling(sid));
			assertThat(reply.status()).isEqualTo(200);
			received.addAll(List.of(reply.text().split(SEPARATOR)));
		}
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			expected.add("4m" + i);
		}
		assertThat(received).isEqualTo(expected);
	}

	@Test
	void batchIsSentWithoutInterleaving() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		socket(0).send(List.of(EnginePacket.message("a"), EnginePacket.message(new byte[] { 1 })));
		assertThat(this.server.get(polling(sid)).text()).isEqualTo("4a" + SEPARATOR + "bAQ==");
	}

	@Test
	void volatilePacketsAreDroppedWhenNoPollIsPending() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		EngineIoSocket socket = socket(0);
		onLoop(socket, () -> {
			socket.sendVolatile(List.of(EnginePacket.message("dropped")));
			socket.send("kept");
		});
		assertThat(this.server.get(polling(sid)).text()).isEqualTo("4kept");
	}

	@Test
	void volatilePacketsAreSentWhenAPollIsPending() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		Mono<Reply> pending = this.server.pendingPoll(sid);
		socket(0).sendVolatile(List.of(EnginePacket.message("volatile")));
		assertThat(block(pending).text()).isEqualTo("4volatile");
	}

	@Test
	void volatilePacketsAreSentOverAWritableWebSocket() {
		start(EngineIoTestServer.slowHeartbeat());
		try (RawWebSocketClient ws = openWebSocketSession()) {
			socket(0).sendVolatile(List.of(EnginePacket.message("volatile")));
			assertThat(ws.nextText()).isEqualTo("4volatile");
		}
	}

	private static void sendFromAnotherThread(EngineIoSocket socket, int count) throws Exception {
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			CompletableFuture.runAsync(() -> {
				for (int i = 0; i < count; i++) {
					socket.send("m" + i);
				}
			}, executor).get(EngineIoTestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		finally {
			executor.shutdownNow();
		}
	}

	// Several engines

	@Test
	void enginesAtDifferentPathsShareOneHttpServer() {
		EngineIoServer first = engine(EngineIoTestServer.slowHeartbeat().path("/first/"));
		EngineIoServer second = engine(EngineIoTestServer.fastHeartbeat().path("/second"));
		this.server = this.servers.start(EngineIoTestServer.start(first, second));
		String firstSid = this.server.handshakeAt("/first/");
		String secondSid = this.server.handshakeAt("/second/");
		assertThat(first.session(firstSid)).isNotNull();
		assertThat(first.session(secondSid)).isNull();
		assertThat(second.session(secondSid)).isNotNull();
		Reply wrongEngine = block(this.server.exchange(HttpMethod.GET, "/second/?" + polling(firstSid), (headers) -> {
		}, null));
		assertThat(wrongEngine.status()).isEqualTo(400);
		assertThat(wrongEngine.json().path("code").asInt()).isEqualTo(1);
		Reply unknownPath = block(this.server.exchange(HttpMethod.GET, "/third/?EIO=4&transport=polling", (headers) -> {
		}, null));
		assertThat(unknownPath.status()).isEqualTo(404);
	}

	// Bookkeeping

	@Test
	void sessionCountGoesBackToZero() {
		start(EngineIoTestServer.slowHeartbeat());
		List<String> sids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			sids.add(this.server.handshake());
		}
		try (RawWebSocketClient ws = openWebSocketSession()) {
			assertThat(this.server.engine().sessionCount()).isEqualTo(6);
			assertThat(this.server.engine().sessions()).hasSize(6);
		}
		for (String sid : sids) {
			this.server.post(polling(sid), "1");
		}
		this.server.awaitNoSessions();
		assertThat(this.server.engine().sessions()).isEmpty();
	}

	@Test
	void serverListenerSeesOpenUpgradeAndClose() throws InterruptedException {
		start(EngineIoTestServer.slowHeartbeat());
		BlockingQueue<String> events = new LinkedBlockingQueue<>();
		this.server.engine().addListener(new EngineIoServerListener() {

			@Override
			public void sessionOpened(EngineIoSocket socket) {
				events.add("opened " + socket.transport().wireName());
			}

			@Override
			public void sessionUpgraded(EngineIoSocket socket) {
				events.add("upgraded " + socket.transport().wireName());
			}

			@Override
			public void sessionClosed(EngineIoSocket socket, String reason) {
				events.add("closed " + reason);
			}

		});
		String sid = this.server.handshake();
		try (RawWebSocketClient ws = this.server.openWebSocket("EIO=4&transport=websocket&sid=" + sid)
			.awaitConnected()) {
			ws.send("2probe");
			assertThat(ws.nextText()).isEqualTo("3probe");
			ws.send("5");
			assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("opened polling");
			assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("upgraded websocket");
		}
		assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("closed transport close");
	}

	@Test
	void failingListenerDoesNotBreakTheSession() {
		EngineIoServer engine = EngineIoServer.create(EngineIoTestServer.slowHeartbeat().build());
		engine.onConnection((socket) -> socket.setListener(new EngineIoSocketListener() {

			@Override
			public void onText(String text) {
				if (text.equals("fail")) {
					throw new IllegalStateException("listener failure on purpose");
				}
				socket.send(text);
			}

			@Override
			public void onBinary(byte[] data) {
			}

			@Override
			public void onClose(String reason, String description) {
			}

		}));
		this.server = this.servers.start(EngineIoTestServer.start(engine));
		String sid = this.server.handshake();
		assertThat(this.server.post(polling(sid), "4fail" + SEPARATOR + "4ok").text()).isEqualTo("ok");
		assertThat(this.server.get(polling(sid)).text()).isEqualTo("4ok");
	}

	@Test
	void failingConnectionHandlerClosesTheSession() {
		EngineIoServer engine = EngineIoServer.create(EngineIoTestServer.slowHeartbeat().build());
		engine.onConnection((socket) -> {
			throw new IllegalStateException("connection handler failure on purpose");
		});
		this.server = this.servers.start(EngineIoTestServer.start(engine));
		Reply reply = this.server.get("EIO=4&transport=polling");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.text()).startsWith("0{").endsWith(SEPARATOR + "1");
		await().atMost(EngineIoTestServer.TIMEOUT).until(() -> engine.sessionCount() == 0);
	}

}
