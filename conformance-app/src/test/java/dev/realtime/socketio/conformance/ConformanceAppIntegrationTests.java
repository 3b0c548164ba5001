package dev.realtime.socketio.conformance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.realtime.socketio.testsupport.SocketIoNodeDriver;
import dev.realtime.socketio.testsupport.TestFixture;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.args;
import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.bin;
import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance app as suites see it: the three parts of docs/protocol.md section 3
 * served on one port, driven by the official npm client and raw HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ConformanceAppIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@RegisterExtension
	final TestFixture<SocketIoNodeDriver> driver = TestFixture.of(SocketIoNodeDriver::start);

	private String url(String namespace) {
		return "http://127.0.0.1:" + this.port + namespace;
	}

	private HttpClient http() {
		return HttpClient.create().baseUrl("http://127.0.0.1:" + this.port);
	}

	@Test
	void rawEngineIoEndpointEchoesWithTheFixtureSettings() {
		String open = http().get()
			.uri("/engine.io/?EIO=4&transport=polling")
			.responseContent()
			.aggregate()
			.asString()
			.block(TIMEOUT);
		JsonNode handshake = JsonMapper.shared().readTree(open.substring(1));
		assertThat(handshake.path("pingInterval").asInt()).isEqualTo(300);
		assertThat(handshake.path("pingTimeout").asInt()).isEqualTo(200);
		assertThat(handshake.path("maxPayload").asInt()).isEqualTo(1_000_000);
		String sid = handshake.path("sid").asString();
		String ok = http().post()
			.uri("/engine.io/?EIO=4&transport=polling&sid=" + sid)
			.send(reactor.netty.ByteBufFlux.fromString(reactor.core.publisher.Mono.just("4hello\u001ebAQIDBA==")))
			.responseContent()
			.aggregate()
			.asString()
			.block(TIMEOUT);
		assertThat(ok).isEqualTo("ok");
		String echoed = http().get()
			.uri("/engine.io/?EIO=4&transport=polling&sid=" + sid)
			.responseContent()
			.aggregate()
			.asString()
			.block(TIMEOUT);
		assertThat(echoed).isEqualTo("4hello\u001ebAQIDBA==");
	}

	@Test
	void refusesEngineIoVersion3AndAnswersCorsPreflights() {
		int status = http().get()
			.uri("/socket.io/?EIO=3&transport=polling")
			.response()
			.map((response) -> response.status().code())
			.block(TIMEOUT);
		assertThat(status).isEqualTo(400);
		var preflight = http()
			.headers((headers) -> headers.set(HttpHeaderNames.ORIGIN, "https://example.org")
				.set(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD, "POST"))
			.options()
			.uri("/socket.io/?EIO=4&transport=polling")
			.response()
			.block(TIMEOUT);
		assertThat(preflight.status().code()).isIn(200, 204);
		assertThat(preflight.responseHeaders().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS)).contains("POST");
		assertThat(preflight.responseHeaders().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("*");
	}

	@Test
	void authEventComesBeforeTheReplyToWhatTheClientEmitsOnConnect() {
		// Emitted before the connection is up, the client sends it as soon as CONNECT
		// arrives, as it would from its connect handler: the server's auth event, emitted
		// when the socket connected, must still come first (as on Node).
		this.driver.get().connect("early", url("/"), Map.of("transports", List.of("websocket")));
		this.driver.get().emit("early", "message", "first");
		this.driver.get().awaitEvent("early", "message-back");
		List<String> events = this.driver.get()
			.received((line) -> "early".equals(line.path("id").asString())
					&& "event".equals(line.path("type").asString()))
			.stream()
			.map((line) -> line.path("event").asString())
			.toList();
		assertThat(events).containsExactly("auth", "message-back");
	}

	@Test
	void servesTheSocketIoContractOnEveryNamespace() {
		for (String namespace : List.of("/", "/custom")) {
			String id = "c" + namespace.length();
			this.driver.get()
				.connect(id, url(namespace), Map.of("transports", List.of("websocket"), "auth", Map.of("k", 1)));
			this.driver.get().await(id, "connect");
			assertThat(args(this.driver.get().awaitEvent(id, "auth")).get(0).path("k").asInt()).isEqualTo(1);
			this.driver.get().emit(id, "message", "x", bin(new byte[] { 7 }));
			JsonNode back = args(this.driver.get().awaitEvent(id, "message-back"));
			assertThat(back.get(0).asString()).isEqualTo("x");
			assertThat(bytes(back.get(1))).containsExactly(7);
			this.driver.get().emitWithAck(id, "ack", "message-with-ack", 1, "2");
			assertThat(args(this.driver.get().awaitAck(id, "ack")).toString()).isEqualTo("[1,\"2\"]");
		}
	}

	@Test
	void restrictedNamespaceNeedsTheToken() {
		this.driver.get().connect("bad", url("/restricted"), Map.of("auth", Map.of("token", "nope")));
		JsonNode error = this.driver.get().await("bad", "connect_error");
		assertThat(error.path("message").asString()).isEqualTo("unauthorized");
		assertThat(error.path("data").path("reason").asString()).isEqualTo("bad token");
		this.driver.get().connect("good", url("/restricted"), Map.of("auth", Map.of("token", "let-me-in")));
		this.driver.get().await("good", "connect");
		this.driver.get().connect("random", url("/random"), Map.of());
		assertThat(this.driver.get().await("random", "connect_error").path("message").asString())
			.isEqualTo("Invalid namespace");
	}

	@Test
	void roomsBroadcastsAndServerAcks() {
		for (String id : List.of("a", "b")) {
			this.driver.get().connect(id, url("/"), Map.of("transports", List.of("polling")));
			this.driver.get().await(id, "connect");
			this.driver.get().emitWithAck(id, "j" + id, "join", "room");
			assertThat(args(this.driver.get().awaitAck(id, "j" + id)).get(0).asString()).isEqualTo("joined");
		}
		this.driver.get().emitWithAck("a", "to", "to-room", "room", "hi");
		assertThat(args(this.driver.get().awaitAck("a", "to")).get(0).asString()).isEqualTo("sent");
		assertThat(args(this.driver.get().awaitEvent("b", "room-message")).toString()).isEqualTo("[\"hi\"]");
		this.driver.get().emitWithAck("a", "cs", "cluster-sockets", "room");
		assertThat(args(this.driver.get().awaitAck("a", "cs")).get(0)).hasSize(2);
		this.driver.get().autoAck("b", "server-ack-request", "pong");
		this.driver.get().emit("b", "request-server-ack", "ping");
		assertThat(args(this.driver.get().awaitEvent("b", "server-ack-result")).toString()).isEqualTo("[\"pong\"]");
		this.driver.get().emit("a", "request-server-ack-timeout", 100);
		assertThat(args(this.driver.get().awaitEvent("a", "server-ack-timeout-result")).get(0).asString())
			.isEqualTo("timeout");
		this.driver.get().emit("b", "server-close-transport");
		assertThat(this.driver.get().await("b", "disconnect").path("reason").asString()).isEqualTo("transport close");
		this.driver.get().await("b", "connect");
	}

}
