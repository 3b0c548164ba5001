package dev.realtime.socketio.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.realtime.socketio.testsupport.RawWebSocketClient;
import dev.realtime.socketio.testsupport.RawWebSocketClient.Frame;
import dev.realtime.socketio.testsupport.TestFixture;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import dev.realtime.socketio.engine.EngineIoTestServer.Reply;

import static dev.realtime.socketio.engine.EngineIoTestServer.SEPARATOR;
import static dev.realtime.socketio.engine.EngineIoTestServer.block;
import static dev.realtime.socketio.engine.EngineIoTestServer.polling;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WebSocket sessions and the polling to WebSocket upgrade against a real server
 * (docs/protocol.md 1.2, 1.5, 1.6, 1.9), driven by Reactor Netty's WebSocket client.
 */
class EngineIoWebSocketIntegrationTests {

	@RegisterExtension
	final TestFixture<EngineIoTestServer> servers = TestFixture.manual();

	private EngineIoTestServer server;

	private EngineIoTestServer start(EngineIoOptions.Builder options) {
		this.server = this.servers.start(EngineIoTestServer.echo(options.build()));
		return this.server;
	}

	private RawWebSocketClient openWebSocketSession() {
		RawWebSocketClient ws = this.server.openWebSocket("EIO=4&transport=websocket").awaitConnected();
		assertThat(ws.nextText()).startsWith("0{");
		return ws;
	}

	/** A WebSocket for a polling session, not connected yet. */
	private RawWebSocketClient probe(String sid) {
		return this.server.openWebSocket("EIO=4&transport=websocket&sid=" + sid);
	}

	private RawWebSocketClient upgrade(String sid) {
		RawWebSocketClient ws = probe(sid).awaitConnected();
		ws.send("2probe");
		assertThat(ws.nextText()).isEqualTo("3probe");
		return ws;
	}

	private void assertPollingGoesOn(String sid) {
		assertThat(this.server.post(polling(sid), "4polling").text()).isEqualTo("ok");
		assertThat(this.server.get(polling(sid)).text()).isEqualTo("4polling");
	}

	private void awaitWebSocketTransport(String sid) {
		await().atMost(EngineIoTestServer.TIMEOUT)
			.until(() -> this.server.engine().session(sid).transport() == EngineIoTransport.WEBSOCKET);
	}

	private static void assertRefusedWithBadRequest(RawWebSocketClient ws) {
		Throwable refused = ws.awaitRefused();
		assertThat(refused).isInstanceOf(WebSocketClientHandshakeException.class);
		assertThat(((WebSocketClientHandshakeException) refused).response().status().code()).isEqualTo(400);
	}

	// Handshake

	@Test
	void webSocketHandshakeSendsOpenPacketWithoutUpgrades() {
		start(EngineIoTestServer.fastHeartbeat());
		try (RawWebSocketClient ws = this.server.openWebSocket("EIO=4&transport=websocket").awaitConnected()) {
			Frame first = ws.next();
			assertThat(first.isBinary()).isFalse();
			JsonNode open = EngineIoTestServer.openPacket(first.text());
			assertThat(open.propertyNames()).containsExactly("sid", "upgrades", "pingInterval", "pingTimeout",
					"maxPayload");
			assertThat(open.path("sid").asString()).hasSize(20);
			assertThat(open.path("upgrades").toString()).isEqualTo("[]");
			assertThat(open.path("pingInterval").asInt()).isEqualTo(300);
			assertThat(open.path("pingTimeout").asInt()).isEqualTo(200);
			assertThat(open.path("maxPayload").asInt()).isEqualTo(1_000_000);
			EngineIoSocket socket = this.server.engine().session(open.path("sid").asString());
			assertThat(socket).isNotNull();
			assertThat(socket.transport()).isEqualTo(EngineIoTransport.WEBSOCKET);
		}
	}

	@Test
	void initialPacketFollowsTheOpenPacket() {
		start(EngineIoTestServer.slowHeartbeat().initialPacket("welcome"));
		try (RawWebSocketClient ws = openWebSocketSession()) {
			assertThat(ws.nextText()).isEqualTo("4welcome");
		}
	}

	@Test
	void webSocketHandshakeWithUnsupportedVersionSendsNoOpenPacket() {
		start(EngineIoTestServer.slowHeartbeat());
		RawWebSocketClient ws = this.server.openWebSocket("EIO=3&transport=websocket");
		assertThat(ws.awaitRefused()).isInstanceOf(WebSocketClientHandshakeException.class);
		ws.close();
		assertThat(this.server.engine().sessionCount()).isZero();
	}

	@Test
	void webSocketTransportCanBeDisabled() {
		start(EngineIoTestServer.slowHeartbeat().transports(Set.of(EngineIoTransport.POLLING)));
		RawWebSocketClient ws = this.server.openWebSocket("EIO=4&transport=websocket");
		assertRefusedWithBadRequest(ws);
		ws.close();
	}

	// Messages

	@Test
	void textMessageIsEchoed() {
		start(EngineIoTestServer.slowHeartbeat());
		try (RawWebSocketClient ws = openWebSocketSession()) {
			ws.send("4hello");
			assertThat(ws.nextText()).isEqualTo("4hello");
			ws.send("4héllo € 🎉");
			assertThat(ws.nextText()).isEqualTo("4héllo € 🎉");
		}
	}

	@Test
	void binaryMessageIsEchoedAsBinaryFrame() {
		start(EngineIoTestServer.slowHeartbeat());
		try (RawWebSocketClient ws = openWebSocketSession()) {
			ws.send(new byte[] { 1, 2, 3, 4 });
			Frame frame = ws.next();
			assertThat(frame.isBinary()).isTrue();
			assertThat(frame.bytes()).containsExactly(1, 2, 3, 4);
		}
	}

	@Test
	void invalidPacketClosesTheConnection() {
		start(EngineIoTestServer.slowHeartbeat());
		try (RawWebSocketClient ws = openWebSocketSession()) {
			ws.send("abc");
			ws.awaitClosed();
		}
		this.server.awaitNoSessions();
	}

	@Test
	void frameOverMaxHttpBufferSizeClosesWithMessageTooBig() {
		start(EngineIoTestServer.slowHeartbeat().maxHttpBufferSize(1000));
		try (RawWebSocketClient ws = openWebSocketSession()) {
			ws.send("4" + "x".repeat(999));
			assertThat(ws.nextText()).hasSize(1000);
			ws.send("4" + "x".repeat(1000));
			WebSocketCloseStatus status = ws.awaitCloseStatus();
			assertThat(status.code()).isEqualTo(1009);
			// As the reference: no reason text (Netty's names the limit)
			assertThat(status.reasonText()).isEmpty();
			ws.awaitClosed();
		}
		this.server.awaitNoSessions();
	}

	@Test
	void fragmentedTextMessageIsReassembled() {
		start(EngineIoTestServer.slowHeartbeat());
		try (RawWebSocketClient ws = openWebSocketSession()) {
			byte[] utf8 = "4héllo €".getBytes(StandardCharsets.UTF_8);
			// The first split falls inside the two bytes of 'é'
			ws.sendFrame(new TextWebSocketFrame(false, 0, Unpooled.copiedBuffer(utf8, 0, 3)));
			ws.sendFrame(new ContinuationWebSocketFrame(false, 0, Unpooled.copiedBuffer(utf8, 3, 4)));
			ws.sendFrame(new ContinuationWebSocketFrame(true, 0, Unpooled.copiedBuffer(utf8, 7, utf8.length - 7)));
			assertThat(ws.nextText()).isEqualTo("4héllo €");
			ws.send("4next");
			assertThat(ws.nextText()).isEqualTo("4next");
		}
	}

	@Test
	void fragmentedBinaryMessageIsReassembled() {
		start(EngineIoTestServer.slowHeartbeat());
		try (RawWebSocketClient ws = openWebSocketSession()) {
			ws.sendFrame(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[] { 1, 2 })));
			ws.sendFrame(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[] { 3, 4 })));
			Frame frame = ws.next();
			assertThat(frame.isBinary()).isTrue();
			assertThat(frame.bytes()).containsExactly(1, 2, 3, 4);
		}
	}

	@Test
	void fragmentedMessageOverMaxHttpBufferSizeClosesWithMessageTooBig() {
		start(EngineIoTestServer.slowHeartbeat().maxHttpBufferSize(1000));
		try (RawWebSocketClient ws = openWebSocketSession()) {
			ws.sendFrame(new TextWebSocketFrame(false, 0, "4" + "x".repeat(599)));
			ws.sendFrame(new ContinuationWebSocketFrame(true, 0, "x".repeat(400)));
			assertThat(ws.nextText()).hasSize(1000);
			ws.sendFrame(new TextWebSocketFrame(false, 0, "4" + "x".repeat(599)));
			ws.sendFrame(new ContinuationWebSocketFrame(true, 0, "x".repeat(401)));
			WebSocketCloseStatus status = ws.awaitCloseStatus();
			assertThat(status.code()).isEqualTo(1009);
			assertThat(status.reasonText()).isEmpty();
			ws.awaitClosed();
		}
		this.server.awaitNoSessions();
	}

	// Heartbeat

	@Test
	void answeredPingsKeepTheSessionOpen() {
		start(EngineIoTestServer.fastHeartbeat());
		try (RawWebSocketClient ws = openWebSocketSession()) {
			for (int i = 0; i < 3; i++) {
				assertThat(ws.nextText()).isEqualTo("2");
				ws.send("3");
			}
			ws.send("4alive");
			assertThat(ws.nextTextAnsweringPings()).isEqualTo("4alive");
			assertThat(ws.isClosed()).isFalse();
		}
	}

	@Test
	void unansweredPingClosesTheConnection() {
		start(EngineIoTestServer.fastHeartbeat());
		try (RawWebSocketClient ws = openWebSocketSession()) {
			assertThat(ws.nextText()).isEqualTo("2");
			ws.awaitClosed();
		}
		this.server.awaitNoSessions();
	}

	// Close

	@Test
	void closePacketClosesTheConnection() {
		start(EngineIoTestServer.slowHeartbeat());
		try (RawWebSocketClient ws = openWebSocketSession()) {
			ws.send("1");
			ws.awaitClosed();
		}
		this.server.awaitNoSessions();
	}

	@Test
	void clientClosingTheSocketEndsTheSession() {
		start(EngineIoTestServer.slowHeartbeat());
		RawWebSocketClient ws = openWebSocketSession();
		assertThat(this.server.engine().sessionCount()).isEqualTo(1);
		ws.close();
		this.server.awaitNoSessions();
	}

	// Upgrade (docs/protocol.md 1.9)

	@Test
	void pollingSessionUpgradesToWebSocket() {
		start(EngineIoTestServer.fastHeartbeat());
		String sid = this.server.handshake();
		try (RawWebSocketClient ws = upgrade(sid)) {
			assertThat(this.server.get(polling(sid)).text()).isEqualTo("6");
			ws.send("5");
			ws.send("4hello");
			assertThat(ws.nextTextAnsweringPings()).isEqualTo("4hello");
			assertThat(this.server.engine().session(sid).transport()).isEqualTo(EngineIoTransport.WEBSOCKET);
			ws.send(new byte[] { 1, 2, 3, 4 });
			Frame frame = ws.next();
			while (!frame.isBinary() && "2".equals(frame.text())) {
				ws.send("3");
				frame = ws.next();
			}
			assertThat(frame.bytes()).containsExactly(1, 2, 3, 4);
		}
	}

	@Test
	void pendingGetIsReleasedWithNoopWhenTheProbeArrives() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		Mono<Reply> pending = this.server.pendingPoll(sid);
		try (RawWebSocketClient ws = upgrade(sid)) {
			assertThat(block(pending).text()).isEqualTo("6");
			ws.send("5");
			ws.send("4hello");
			assertThat(ws.nextText()).isEqualTo("4hello");
		}
	}

	@Test
	void pollingAfterUpgradeIsABadRequest() {
		start(EngineIoTestServer.fastHeartbeat());
		String sid = this.server.handshake();
		try (RawWebSocketClient ws = upgrade(sid)) {
			ws.send("5");
			awaitWebSocketTransport(sid);
			Reply reply = this.server.get(polling(sid));
			assertThat(reply.status()).isEqualTo(400);
			assertThat(reply.json().path("code").asInt()).isEqualTo(3);
			ws.send("4still");
			assertThat(ws.nextTextAnsweringPings()).isEqualTo("4still");
		}
	}

	@Test
	void secondWebSocketForAnUpgradedSessionIsClosed() {
		start(EngineIoTestServer.fastHeartbeat());
		String sid = this.server.handshake();
		try (RawWebSocketClient ws = upgrade(sid)) {
			ws.send("5");
			awaitWebSocketTransport(sid);
			try (RawWebSocketClient second = probe(sid)) {
				second.awaitConnected();
				second.awaitClosed();
			}
			ws.send("4hello");
			assertThat(ws.nextTextAnsweringPings()).isEqualTo("4hello");
		}
	}

	@Test
	void pollSentRightAfterTheUpgradePacketIsABadRequestWithItsBody() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		try (WrittenWebSocket ws = new WrittenWebSocket(this.server, "EIO=4&transport=websocket&sid=" + sid)) {
			// As the official suite: the poll does not wait for the probe's answer.
			ws.send("2probe");
			ws.send("5");
			Reply reply = this.server.get(polling(sid));
			assertThat(reply.status()).isEqualTo(400);
			assertThat(reply.json().path("code").asInt()).isEqualTo(3);
			assertThat(reply.json().path("message").asString()).isEqualTo("Bad request");
			assertThat(ws.nextText()).isEqualTo("3probe");
		}
	}

	@Test
	void pollHeldWhenTheUpgradePacketArrivesIsABadRequest() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		Mono<Reply> pending = this.server.pendingPoll(sid);
		try (WrittenWebSocket ws = new WrittenWebSocket(this.server, "EIO=4&transport=websocket&sid=" + sid)) {
			// The poll raced the upgrade: the server read it first, the client sent it
			// after.
			ws.send("5");
			Reply reply = block(pending);
			assertThat(reply.status()).isEqualTo(400);
			assertThat(reply.json().path("code").asInt()).isEqualTo(3);
			ws.send("4hello");
			assertThat(ws.nextText()).isEqualTo("4hello");
		}
	}

	@Test
	void pollBeforeTheProbePingWaitsForPackets() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		EngineIoSocket socket = this.server.engine().session(sid);
		try (RawWebSocketClient ws = probe(sid).awaitConnected()) {
			EngineIoSession session = (EngineIoSession) socket;
			await().atMost(EngineIoTestServer.TIMEOUT).until(() -> {
				CompletableFuture<Boolean> probing = new CompletableFuture<>();
				session.execute(() -> probing.complete(session.webSockets().upgrade() != null));
				return probing.get();
			});
			// A probe WebSocket alone does not release polls: the client has not paused.
			Mono<Reply> pending = this.server.pendingPoll(sid);
			socket.send("data");
			assertThat(block(pending).text()).isEqualTo("4data");
			ws.send("2probe");
			assertThat(ws.nextText()).isEqualTo("3probe");
			assertThat(this.server.get(polling(sid)).text()).isEqualTo("6");
		}
	}

	@Test
	void secondWebSocketRightAfterTheUpgradePacketIsClosedAfterTheUpgrade() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		EngineIoSocket socket = this.server.engine().session(sid);
		try (WrittenWebSocket ws = new WrittenWebSocket(this.server, "EIO=4&transport=websocket&sid=" + sid)) {
			// As the official suite: the second WebSocket does not wait for the probe's
			// answer,
			// and is refused only once the server has read what came before it.
			ws.send("2probe");
			ws.send("5");
			try (WrittenWebSocket second = new WrittenWebSocket(this.server, "EIO=4&transport=websocket&sid=" + sid)) {
				second.awaitClosed();
			}
			assertThat(socket.transport()).isEqualTo(EngineIoTransport.WEBSOCKET);
			assertThat(ws.nextText()).isEqualTo("3probe");
			ws.send("4hello");
			assertThat(ws.nextText()).isEqualTo("4hello");
		}
	}

	@Test
	void secondProbeWhileUpgradingIsClosed() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		try (RawWebSocketClient ws = upgrade(sid)) {
			try (RawWebSocketClient second = probe(sid)) {
				second.awaitConnected();
				second.awaitClosed();
			}
			ws.send("5");
			ws.send("4hello");
			assertThat(ws.nextText()).isEqualTo("4hello");
		}
	}

	@Test
	void packetsQueuedDuringTheUpgradeAreFlushedOnTheWebSocket() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		EngineIoSocket socket = this.server.engine().session(sid);
		try (RawWebSocketClient ws = upgrade(sid)) {
			assertThat(this.server.get(polling(sid)).text()).isEqualTo("6");
			socket.send("queued1");
			socket.send(new byte[] { 9 });
			socket.send("queued2");
			ws.send("5");
			assertThat(ws.nextText()).isEqualTo("4queued1");
			assertThat(ws.next().bytes()).containsExactly(9);
			assertThat(ws.nextText()).isEqualTo("4queued2");
		}
	}

	@Test
	void packetsQueuedBeforeTheProbeAreFlushedOnTheWebSocket() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		EngineIoSocket socket = this.server.engine().session(sid);
		EngineIoTestServer.onLoop(socket, () -> socket.send("before"));
		try (RawWebSocketClient ws = probe(sid).awaitConnected()) {
			ws.send("2probe");
			assertThat(ws.nextText()).isEqualTo("3probe");
			ws.send("5");
			assertThat(ws.nextText()).isEqualTo("4before");
		}
	}

	@Test
	void getDuringTheProbeIsAnsweredWithNoop() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		try (RawWebSocketClient ws = upgrade(sid)) {
			assertThat(this.server.get(polling(sid)).text()).isEqualTo("6");
			assertThat(this.server.get(polling(sid)).text()).isEqualTo("6");
			ws.send("5");
		}
	}

	@Test
	void nonProbePacketAbortsTheUpgradeAndPollingGoesOn() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		try (RawWebSocketClient ws = probe(sid).awaitConnected()) {
			ws.send("4hello");
			ws.awaitClosed();
		}
		assertThat(this.server.engine().session(sid).transport()).isEqualTo(EngineIoTransport.POLLING);
		assertPollingGoesOn(sid);
	}

	@Test
	void invalidPacketOnTheProbeAbortsTheUpgradeAndPollingGoesOn() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		try (RawWebSocketClient ws = upgrade(sid)) {
			ws.send("abc");
			ws.awaitClosed();
		}
		assertPollingGoesOn(sid);
	}

	@Test
	void upgradeTimeoutClosesTheProbeSocket() {
		start(EngineIoTestServer.slowHeartbeat().upgradeTimeout(Duration.ofMillis(200)));
		String sid = this.server.handshake();
		try (RawWebSocketClient ws = upgrade(sid)) {
			ws.awaitClosed();
		}
		assertThat(this.server.engine().session(sid).transport()).isEqualTo(EngineIoTransport.POLLING);
		assertPollingGoesOn(sid);
	}

	@Test
	void pingsDuringTheProbeGoToPolling() {
		start(EngineIoTestServer.fastHeartbeat().upgradeTimeout(Duration.ofSeconds(30)));
		String sid = this.server.handshake();
		try (RawWebSocketClient ws = upgrade(sid)) {
			// The probe socket carries nothing but 3probe until the upgrade completes.
			String payload = this.server.get(polling(sid)).text();
			while (!payload.contains("2")) {
				payload = this.server.get(polling(sid)).text();
			}
			assertThat(payload.split(SEPARATOR)).contains("2");
			assertThat(this.server.post(polling(sid), "3").text()).isEqualTo("ok");
			ws.send("5");
			ws.send("4after");
			assertThat(ws.nextTextAnsweringPings()).isEqualTo("4after");
		}
	}

	@Test
	void upgradeWithUnknownSidIsRefusedWithoutOpenPacket() {
		start(EngineIoTestServer.slowHeartbeat());
		RawWebSocketClient ws = this.server.openWebSocket("EIO=4&transport=websocket&sid=unknown");
		assertRefusedWithBadRequest(ws);
		ws.close();
		assertThat(this.server.engine().sessionCount()).isZero();
	}

	@Test
	void upgradeIsRefusedWhenUpgradesAreDisabled() {
		start(EngineIoTestServer.slowHeartbeat().allowUpgrades(false));
		String sid = this.server.handshake();
		RawWebSocketClient ws = probe(sid);
		assertThat(ws.awaitRefused()).isInstanceOf(WebSocketClientHandshakeException.class);
		ws.close();
		assertThat(this.server.post(polling(sid), "4polling").text()).isEqualTo("ok");
	}

	@Test
	void closingThePollingSessionClosesTheProbe() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		try (RawWebSocketClient ws = upgrade(sid)) {
			this.server.post(polling(sid), "1");
			ws.awaitClosed();
		}
		this.server.awaitNoSessions();
	}

}
