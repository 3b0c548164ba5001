package dev.realtime.socketio.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.realtime.socketio.engine.EngineIoTestServer.Reply;
import dev.realtime.socketio.testsupport.RawWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link EngineIoHeadersListener} hook (Node's {@code initial_headers} and
 * {@code headers}) against a real server: which responses carry its headers, over
 * long-polling and WebSocket, driven by Reactor Netty's {@code HttpClient}.
 */
class EngineIoHeadersListenerIntegrationTests {

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private EngineIoTestServer server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	private void start(EngineIoOptions.Builder options) {
		this.server = EngineIoTestServer.echo(options.headersListener((request, headers, handshake) -> {
			this.calls.add(request.method() + (handshake ? " handshake" : " session"));
			String trace = request.requestHeaders().get("X-Trace");
			if (trace != null) {
				headers.set("X-Trace-Echo", trace);
			}
			headers.set("X-Node", "node-1");
			if (handshake) {
				headers.add(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.STRICT.encode("lb", "node-1"));
			}
		}).build());
	}

	@Test
	void pollingHandshakeGetsTheInitialHeadersAndLaterResponsesTheOthers() {
		start(EngineIoTestServer.slowHeartbeat());
		Reply open = this.server.request(HttpMethod.GET, "EIO=4&transport=polling",
				(headers) -> headers.set("X-Trace", "t-1"));
		assertThat(open.status()).isEqualTo(200);
		assertThat(open.headers().getAll(HttpHeaderNames.SET_COOKIE)).containsExactly("lb=node-1");
		assertThat(open.header("X-Node")).isEqualTo("node-1");
		assertThat(open.header("X-Trace-Echo")).isEqualTo("t-1");
		String sid = EngineIoTestServer.openPacket(open.text()).path("sid").asString();
		Reply post = this.server.post(EngineIoTestServer.polling(sid), "4hello");
		assertThat(post.status()).isEqualTo(200);
		assertThat(post.header("X-Node")).isEqualTo("node-1");
		assertThat(post.header(HttpHeaderNames.SET_COOKIE)).isNull();
		Reply poll = this.server.get(EngineIoTestServer.polling(sid));
		assertThat(poll.text()).isEqualTo("4hello");
		assertThat(poll.header("X-Node")).isEqualTo("node-1");
		assertThat(poll.header(HttpHeaderNames.SET_COOKIE)).isNull();
		assertThat(this.calls).containsExactly("GET handshake", "POST session", "GET session");
	}

	@Test
	void webSocketHandshakeGetsTheInitialHeaders() {
		start(EngineIoTestServer.slowHeartbeat());
		List<String> cookies = new CopyOnWriteArrayList<>();
		RawWebSocketClient socket = RawWebSocketClient
			.connect(
					this.server.http()
						.doOnResponse((response, connection) -> cookies
							.addAll(response.responseHeaders().getAll(HttpHeaderNames.SET_COOKIE))),
					this.server.path("EIO=4&transport=websocket"))
			.awaitConnected();
		assertThat(socket.next().text()).startsWith("0{");
		assertThat(cookies).containsExactly("lb=node-1");
		assertThat(this.calls).containsExactly("GET handshake");
		socket.close();
	}

	@Test
	void upgradeOfAPollingSessionGetsTheSessionHeaders() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		List<String> nodes = new CopyOnWriteArrayList<>();
		RawWebSocketClient socket = RawWebSocketClient
			.connect(
					this.server.http()
						.doOnResponse((response, connection) -> nodes
							.add(String.valueOf(response.responseHeaders().get("X-Node")))),
					this.server.path("EIO=4&transport=websocket&sid=" + sid))
			.awaitConnected();
		socket.send("2probe");
		assertThat(socket.nextText()).isEqualTo("3probe");
		assertThat(nodes).containsExactly("node-1");
		assertThat(this.calls).containsExactly("GET handshake", "GET session");
		socket.close();
	}

	@Test
	void refusedRequestsAndPreflightsGetNoHeaders() {
		start(EngineIoTestServer.slowHeartbeat()
			.cors(EngineIoCorsOptions.builder().allowedOrigins(List.of("https://app.example.com")).build())
			.requestFilter(EngineIoRequestFilter.of((handshake) -> handshake.queryParam("token") != null)));
		Reply refused = this.server.get("EIO=4&transport=polling");
		assertThat(refused.status()).isEqualTo(403);
		Reply unknownSid = this.server.get(EngineIoTestServer.polling("unknown"));
		assertThat(unknownSid.status()).isEqualTo(400);
		Reply preflight = this.server.request(HttpMethod.OPTIONS, "EIO=4&transport=polling",
				(headers) -> headers.set(HttpHeaderNames.ORIGIN, "https://app.example.com")
					.set(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD, "POST"));
		assertThat(preflight.status()).isEqualTo(204);
		for (Reply reply : List.of(refused, unknownSid, preflight)) {
			assertThat(reply.header("X-Node")).isNull();
			assertThat(reply.header(HttpHeaderNames.SET_COOKIE)).isNull();
		}
		assertThat(this.calls).isEmpty();
		Reply accepted = this.server.get("EIO=4&transport=polling&token=t");
		assertThat(accepted.status()).isEqualTo(200);
		assertThat(accepted.header("X-Node")).isEqualTo("node-1");
	}

}
