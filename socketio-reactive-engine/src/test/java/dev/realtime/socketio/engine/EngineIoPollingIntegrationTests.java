package dev.realtime.socketio.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import dev.realtime.socketio.testsupport.RawWebSocketClient;
import dev.realtime.socketio.testsupport.TestFixture;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

import dev.realtime.socketio.engine.EngineIoTestServer.Reply;

import static dev.realtime.socketio.engine.EngineIoTestServer.SEPARATOR;
import static dev.realtime.socketio.engine.EngineIoTestServer.block;
import static dev.realtime.socketio.engine.EngineIoTestServer.polling;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * HTTP long-polling against a real server (docs/protocol.md 1.2, 1.4, 1.6, 1.7, 1.8,
 * 1.10), driven by Reactor Netty's {@code HttpClient}.
 */
class EngineIoPollingIntegrationTests {

	@RegisterExtension
	final TestFixture<EngineIoTestServer> servers = TestFixture.manual();

	private EngineIoTestServer server;

	private EngineIoTestServer start(EngineIoOptions.Builder options) {
		this.server = this.servers.start(EngineIoTestServer.echo(options.build()));
		return this.server;
	}

	private EngineIoTestServer start() {
		return start(EngineIoTestServer.fastHeartbeat());
	}

	// Handshake

	@Test
	void handshakeAnswersOpenPacketWithExactlyTheSessionParameters() {
		start();
		Reply reply = this.server.get("EIO=4&transport=polling");
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/plain; charset=UTF-8");
		assertThat(reply.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
		assertThat(reply.text()).startsWith("0{").doesNotContain(SEPARATOR);
		JsonNode open = EngineIoTestServer.openPacket(reply.text());
		assertThat(open.propertyNames()).containsExactly("sid", "upgrades", "pingInterval", "pingTimeout",
				"maxPayload");
		assertThat(open.path("sid").asString()).hasSize(20).matches("[A-Za-z0-9_-]{20}");
		assertThat(open.path("upgrades").toString()).isEqualTo("[\"websocket\"]");
		assertThat(open.path("pingInterval").asInt()).isEqualTo(300);
		assertThat(open.path("pingTimeout").asInt()).isEqualTo(200);
		assertThat(open.path("maxPayload").asInt()).isEqualTo(1_000_000);
		assertThat(this.server.engine().session(open.path("sid").asString())).isNotNull();
	}

	@Test
	void handshakeAdvertisesNoUpgradeWhenWebSocketIsDisabled() {
		start(EngineIoTestServer.fastHeartbeat().transports(Set.of(EngineIoTransport.POLLING)));
		JsonNode open = EngineIoTestServer.openPacket(this.server.get("EIO=4&transport=polling").text());
		assertThat(open.path("upgrades").toString()).isEqualTo("[]");
	}

	@Test
	void handshakesGetDistinctSessionIds() {
		start();
		String first = this.server.handshake();
		String second = this.server.handshake();
		assertThat(first).isNotEqualTo(second);
		assertThat(this.server.engine().sessionCount()).isEqualTo(2);
	}

	@Test
	void handshakeIgnoresCacheBusterAndKeepsOtherQueryParameters() {
		start();
		this.server.engine()
			.onConnection((socket) -> socket.send(String.valueOf(socket.handshake().queryParam("token"))));
		Reply reply = this.server.get("EIO=4&transport=polling&t=NqUcI8x&token=abc");
		assertThat(reply.text()).endsWith(SEPARATOR + "4abc");
	}

	@Test
	void initialPacketFollowsTheOpenPacket() {
		start(EngineIoTestServer.fastHeartbeat().initialPacket("welcome"));
		Reply reply = this.server.get("EIO=4&transport=polling");
		assertThat(reply.text()).startsWith("0{").endsWith("}" + SEPARATOR + "4welcome");
	}

	// Errors (docs/protocol.md 1.7)

	static Stream<Arguments> errors() {
		return Stream.of(arguments(HttpMethod.GET, "transport=polling", 400, 5, "Unsupported protocol version"),
				arguments(HttpMethod.GET, "EIO=abc&transport=polling", 400, 5, "Unsupported protocol version"),
				arguments(HttpMethod.GET, "EIO=3&transport=polling", 400, 5, "Unsupported protocol version"),
				arguments(HttpMethod.GET, "EIO=4", 400, 0, "Transport unknown"),
				arguments(HttpMethod.GET, "EIO=4&transport=abc", 400, 0, "Transport unknown"),
				arguments(HttpMethod.GET, "", 400, 0, "Transport unknown"),
				arguments(HttpMethod.POST, "EIO=4&transport=polling", 400, 2, "Bad handshake method"),
				arguments(HttpMethod.PUT, "EIO=4&transport=polling", 400, 2, "Bad handshake method"),
				arguments(HttpMethod.OPTIONS, "EIO=4&transport=polling", 400, 2, "Bad handshake method"),
				arguments(HttpMethod.GET, "EIO=4&transport=polling&sid=unknown", 400, 1, "Session ID unknown"),
				arguments(HttpMethod.POST, "EIO=4&transport=polling&sid=unknown", 400, 1, "Session ID unknown"),
				arguments(HttpMethod.GET, "EIO=4&transport=websocket", 400, 3, "Bad request"),
				// Check order: transport before EIO, sid before method, method before EIO
				arguments(HttpMethod.GET, "EIO=3&transport=abc", 400, 0, "Transport unknown"),
				arguments(HttpMethod.POST, "transport=polling&sid=unknown", 400, 1, "Session ID unknown"),
				arguments(HttpMethod.POST, "EIO=3&transport=polling", 400, 2, "Bad handshake method"),
				arguments(HttpMethod.GET, "EIO=3&transport=websocket", 400, 3, "Bad request"));
	}

	@ParameterizedTest(name = "{0} ?{1} -> {2} code {3}")
	@MethodSource("errors")
	void invalidRequestIsRejectedWithProtocolError(HttpMethod method, String query, int status, int code,
			String message) {
		start();
		Reply reply = this.server.request(method, query, (headers) -> {
		});
		assertError(reply, status, code, message);
		assertThat(this.server.engine().sessionCount()).isZero();
	}

	@Test
	void requestWithOtherTransportThanTheSessionIsABadRequest() {
		start();
		String sid = this.server.handshake();
		Reply reply = this.server.get("EIO=4&transport=websocket&sid=" + sid);
		assertError(reply, 400, 3, "Bad request");
	}

	@Test
	void requestWithOtherProtocolVersionThanTheSessionIsABadRequest() {
		start();
		String sid = this.server.handshake();
		assertError(this.server.get("EIO=3&transport=polling&sid=" + sid), 400, 3, "Bad request");
	}

	@Test
	void pathWithoutTrailingSlashIsNotHandled() {
		start();
		Reply reply = block(this.server.exchange(HttpMethod.GET, "/engine.io?EIO=4&transport=polling", (headers) -> {
		}, null));
		assertThat(reply.status()).isEqualTo(404);
	}

	// Messages

	@Test
	void messageIsEchoed() {
		start();
		String sid = this.server.handshake();
		Reply post = this.server.post(polling(sid), "4hello");
		assertThat(post.status()).isEqualTo(200);
		assertThat(post.text()).isEqualTo("ok");
		assertThat(post.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/html");
		assertThat(post.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo("2");
		Reply get = this.server.get(polling(sid));
		assertThat(get.status()).isEqualTo(200);
		assertThat(get.text()).isEqualTo("4hello");
		assertThat(get.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/plain; charset=UTF-8");
		assertThat(get.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
	}

	@Test
	void severalPacketsAreReturnedInOneResponse() {
		start();
		String sid = this.server.handshake();
		String payload = "4test1" + SEPARATOR + "4test2" + SEPARATOR + "4test3";
		assertThat(this.server.post(polling(sid), payload).text()).isEqualTo("ok");
		assertThat(this.server.get(polling(sid)).text()).isEqualTo(payload);
	}

	@Test
	void binaryMessageIsEchoedAsBase64() {
		start();
		String sid = this.server.handshake();
		String payload = "4hello" + SEPARATOR + "bAQIDBA==";
		assertThat(this.server.post(polling(sid), payload).text()).isEqualTo("ok");
		assertThat(this.server.get(polling(sid)).text()).isEqualTo(payload);
	}

	@Test
	void multiByteTextIsEchoedUnchanged() {
		start();
		String sid = this.server.handshake();
		String payload = "4héllo €" + SEPARATOR + "4日本語 🎉";
		this.server.post(polling(sid), payload);
		assertThat(this.server.get(polling(sid)).text()).isEqualTo(payload);
	}

	@Test
	void pendingGetIsCompletedByTheNextMessage() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		Mono<Reply> pending = this.server.pendingPoll(sid);
		assertThat(this.server.post(polling(sid), "4late").text()).isEqualTo("ok");
		assertThat(block(pending).text()).isEqualTo("4late");
	}

	@Test
	void clientNoopAndUpgradePacketsAreIgnored() {
		start();
		String sid = this.server.handshake();
		assertThat(this.server.post(polling(sid), "6" + SEPARATOR + "5" + SEPARATOR + "4after").text()).isEqualTo("ok");
		assertThat(this.server.get(polling(sid)).text()).isEqualTo("4after");
	}

	@Test
	void invalidPayloadIsRejectedAndClosesTheSession() {
		start();
		String sid = this.server.handshake();
		assertThat(this.server.post(polling(sid), "abc").status()).isEqualTo(400);
		assertError(this.server.get(polling(sid)), 400, 1, "Session ID unknown");
	}

	@Test
	void pingFromTheClientClosesTheSession() {
		start();
		String sid = this.server.handshake();
		this.server.post(polling(sid), "2");
		assertError(this.server.get(polling(sid)), 400, 1, "Session ID unknown");
	}

	@Test
	void binaryContentTypeIsRejectedAndClosesTheSession() {
		start();
		String sid = this.server.handshake();
		Reply reply = block(this.server.exchange(HttpMethod.POST, this.server.path(polling(sid)),
				(headers) -> headers.set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream"), Mono.just("4x")));
		assertError(reply, 400, 3, "Bad request");
		assertError(this.server.get(polling(sid)), 400, 1, "Session ID unknown");
	}

	@Test
	void overlappingGetIsRejectedAndClosesTheSession() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		Mono<Reply> first = this.server.getAsync(polling(sid)).cache();
		Mono<Reply> second = this.server.getAsync(polling(sid)).cache();
		first.subscribe();
		second.subscribe();
		// Whichever arrives first is held and gets the close packet; the other is
		// refused.
		List<Reply> replies = List.of(block(first), block(second));
		assertThat(replies).extracting(Reply::status).containsExactlyInAnyOrder(200, 400);
		assertThat(replies).filteredOn((reply) -> reply.status() == 200).extracting(Reply::text).containsExactly("1");
		// The refused one carries the reference's error object, not an empty body.
		assertError(replies.stream().filter((reply) -> reply.status() == 400).findFirst().orElseThrow(), 400, 3,
				"Bad request");
		assertError(this.server.get(polling(sid)), 400, 1, "Session ID unknown");
	}

	@Test
	void overlappingPostIsRejectedAndClosesTheSession() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		Sinks.Empty<Void> release = Sinks.empty();
		Flux<String> heldBody = Flux.concat(Mono.just("4first"), release.asMono().then(Mono.just("")));
		Mono<Reply> first = this.server.exchange(HttpMethod.POST, this.server.path(polling(sid)), (headers) -> {
		}, heldBody).cache();
		Mono<Reply> second = this.server.exchange(HttpMethod.POST, this.server.path(polling(sid)), (headers) -> {
		}, Flux.concat(Mono.just("4second"), release.asMono().then(Mono.just("")))).cache();
		first.subscribe();
		second.subscribe();
		// Both bodies are held open, so both are in flight: the later one is refused at
		// once.
		Reply refused = block(Mono.firstWithValue(first, second));
		assertError(refused, 400, 3, "Bad request");
		release.tryEmitEmpty();
		block(first);
		block(second);
		assertError(this.server.get(polling(sid)), 400, 1, "Session ID unknown");
	}

	@Test
	void otherMethodOnSessionIsAServerErrorAndKeepsTheSession() {
		start();
		String sid = this.server.handshake();
		Reply reply = this.server.request(HttpMethod.PUT, polling(sid), (headers) -> {
		});
		assertThat(reply.status()).isEqualTo(500);
		assertThat(reply.body()).isEmpty();
		this.server.post(polling(sid), "4still here");
		assertThat(this.server.get(polling(sid)).text()).isEqualTo("4still here");
	}

	// Body size (docs/protocol.md 1.4)

	@Test
	void postOfExactlyMaxHttpBufferSizeIsAccepted() {
		start(EngineIoTestServer.slowHeartbeat().maxHttpBufferSize(1000));
		String sid = this.server.handshake();
		String payload = "4" + "x".repeat(999);
		assertThat(this.server.post(polling(sid), payload).text()).isEqualTo("ok");
		assertThat(this.server.get(polling(sid)).text()).isEqualTo(payload);
	}

	@Test
	void postOverMaxHttpBufferSizeIsTooLargeAndKeepsTheSession() {
		start(EngineIoTestServer.slowHeartbeat().maxHttpBufferSize(1000));
		String sid = this.server.handshake();
		Reply reply = this.server.post(polling(sid), "4" + "x".repeat(1000));
		assertThat(reply.status()).isEqualTo(413);
		assertThat(reply.body()).isEmpty();
		assertThat(this.server.post(polling(sid), "4small").text()).isEqualTo("ok");
		assertThat(this.server.get(polling(sid)).text()).isEqualTo("4small");
	}

	@Test
	void chunkedPostOverMaxHttpBufferSizeIsTooLargeAndKeepsTheSession() {
		start(EngineIoTestServer.slowHeartbeat().maxHttpBufferSize(1000));
		String sid = this.server.handshake();
		Flux<String> chunks = Flux.concat(Mono.just("4"), Flux.range(0, 10).map((i) -> "x".repeat(100)));
		Reply reply = block(this.server.exchange(HttpMethod.POST, this.server.path(polling(sid)), (headers) -> {
		}, chunks));
		assertThat(reply.status()).isEqualTo(413);
		assertThat(this.server.post(polling(sid), "4small").text()).isEqualTo("ok");
		assertThat(this.server.get(polling(sid)).text()).isEqualTo("4small");
	}

	@Test
	void hugePostIsRefusedBeforeItsBodyIsSent() throws IOException {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		// Announce 10 MB and send only the first bytes: the answer must not wait for the
		// rest.
		try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
			socket.setSoTimeout((int) EngineIoTestServer.TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + this.server.path(polling(sid)) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: 10000000\r\n\r\n4xxxxxxxxx")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String status = readLine(socket.getInputStream());
			assertThat(status).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
		}
		assertThat(this.server.post(polling(sid), "4small").text()).isEqualTo("ok");
		assertThat(this.server.get(polling(sid)).text()).isEqualTo("4small");
	}

	@Test
	void connectionIsReusedAfterATooLargePost() throws IOException {
		start(EngineIoTestServer.slowHeartbeat().maxHttpBufferSize(1000));
		String sid = this.server.handshake();
		try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
			socket.setSoTimeout((int) EngineIoTestServer.TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			String tooLarge = "4" + "x".repeat(4999);
			out.write(
					("POST " + this.server.path(polling(sid)) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "Content-Length: "
							+ tooLarge.length() + "\r\n\r\n" + tooLarge)
						.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(readLine(in)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
			assertThat(readHeaders(in)).contains("content-length: 0");
			out.write(("POST " + this.server.path(polling(sid)) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Content-Length: 6\r\n\r\n4small")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(readLine(in)).isEqualTo("HTTP/1.1 200 OK");
		}
		assertThat(this.server.get(polling(sid)).text()).isEqualTo("4small");
	}

	@Test
	void hugeChunkedPostIsTooLarge() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		String chunk = "x".repeat(64 * 1024);
		Flux<String> body = Flux.concat(Mono.just("4"), Flux.range(0, 160).map((i) -> chunk));
		Mono<Reply> post = this.server.exchange(HttpMethod.POST, this.server.path(polling(sid)), (headers) -> {
		}, body);
		assertThat(block(post).status()).isEqualTo(413);
		assertThat(this.server.post(polling(sid), "4small").text()).isEqualTo("ok");
	}

	@Test
	void hugePostWithContentLengthIsTooLarge() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		String chunk = "x".repeat(64 * 1024);
		Flux<String> body = Flux.concat(Mono.just("4"), Flux.range(0, 160).map((i) -> chunk));
		Mono<Reply> post = this.server.exchange(HttpMethod.POST, this.server.path(polling(sid)),
				(headers) -> headers.set(HttpHeaderNames.CONTENT_LENGTH, 1 + 160 * chunk.length()), body);
		assertThat(block(post).status()).isEqualTo(413);
		assertThat(this.server.post(polling(sid), "4small").text()).isEqualTo("ok");
	}

	// Heartbeat (docs/protocol.md 1.6)

	@Test
	void heartbeatRoundsKeepTheSessionOpen() {
		start();
		String sid = this.server.handshake();
		for (int i = 0; i < 3; i++) {
			assertThat(this.server.get(polling(sid)).text()).isEqualTo("2");
			Reply pong = this.server.post(polling(sid), "3");
			assertThat(pong.status()).isEqualTo(200);
			assertThat(pong.text()).isEqualTo("ok");
		}
		assertThat(this.server.engine().session(sid)).isNotNull();
	}

	@Test
	void sessionWithoutPongIsClosedAfterPingTimeout() {
		start();
		String sid = this.server.handshake();
		this.server.awaitNoSessions();
		assertError(this.server.get(polling(sid)), 400, 1, "Session ID unknown");
	}

	@Test
	void pendingGetReceivesCloseOnPingTimeout() {
		start();
		String sid = this.server.handshake();
		assertThat(this.server.get(polling(sid)).text()).isEqualTo("2");
		assertThat(this.server.get(polling(sid)).text()).isEqualTo("1");
		assertError(this.server.get(polling(sid)), 400, 1, "Session ID unknown");
	}

	// Close (docs/protocol.md 1.8)

	@Test
	void pollThatArrivesJustAfterTheClosePacketGetsNoopThenTheSessionIsGone() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		assertThat(this.server.post(polling(sid), "1").text()).isEqualTo("ok");
		// The official suite sends this GET in parallel with the close packet: when the
		// POST
		// wins the race, the GET still gets its noop.
		assertThat(this.server.get(polling(sid)).text()).isEqualTo("6");
		assertError(this.server.get(polling(sid)), 400, 1, "Session ID unknown");
		this.server.awaitNoSessions();
	}

	@Test
	void closePacketReleasesThePendingGetWithNoop() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		Mono<Reply> pending = this.server.pendingPoll(sid);
		assertThat(this.server.post(polling(sid), "1").text()).isEqualTo("ok");
		assertThat(block(pending).text()).isEqualTo("6");
		assertError(this.server.get(polling(sid)), 400, 1, "Session ID unknown");
		this.server.awaitNoSessions();
	}

	@Test
	void serverCloseIsDeliveredOnTheNextGet() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		EngineIoSocket socket = this.server.engine().session(sid);
		EngineIoTestServer.onLoop(socket, socket::close);
		assertThat(this.server.get(polling(sid)).text()).isEqualTo("1");
		assertError(this.server.get(polling(sid)), 400, 1, "Session ID unknown");
		this.server.awaitNoSessions();
	}

	@Test
	void postWhileAServerCloseWaitsForTheLastPollIsAnsweredOkAndIgnored() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		EngineIoSocket socket = this.server.engine().session(sid);
		EngineIoTestServer.onLoop(socket, socket::close);
		assertThat(this.server.post(polling(sid), "4crossed-the-close").text()).isEqualTo("ok");
		assertThat(this.server.get(polling(sid)).text()).isEqualTo("1");
		assertError(this.server.get(polling(sid)), 400, 1, "Session ID unknown");
		this.server.awaitNoSessions();
	}

	@Test
	void serverCloseReleasesThePendingGet() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		Mono<Reply> pending = this.server.pendingPoll(sid);
		this.server.engine().session(sid).close();
		assertThat(block(pending).text()).isEqualTo("1");
		assertError(this.server.get(polling(sid)), 400, 1, "Session ID unknown");
	}

	// CORS (docs/protocol.md 1.10)

	@Test
	void withoutConfiguredOriginsOnlyTheServersOwnOriginMayConnect() {
		start();
		Reply foreign = this.server.request(HttpMethod.GET, "EIO=4&transport=polling",
				(headers) -> headers.set(HttpHeaderNames.ORIGIN, "https://example.com"));
		assertThat(foreign.status()).isEqualTo(403);
		assertThat(foreign.json().path("code").asInt()).isEqualTo(4);
		Reply opaque = this.server.request(HttpMethod.GET, "EIO=4&transport=polling",
				(headers) -> headers.set(HttpHeaderNames.ORIGIN, "null"));
		assertThat(opaque.status()).isEqualTo(403);
		Reply otherPort = this.server.request(HttpMethod.GET, "EIO=4&transport=polling",
				(headers) -> headers.set(HttpHeaderNames.ORIGIN, "http://127.0.0.1:" + (this.server.port() + 1)));
		assertThat(otherPort.status()).isEqualTo(403);
		assertThat(this.server.engine().sessionCount()).isZero();
		Reply own = this.server.request(HttpMethod.GET, "EIO=4&transport=polling",
				(headers) -> headers.set(HttpHeaderNames.ORIGIN, "http://127.0.0.1:" + this.server.port()));
		assertThat(own.status()).isEqualTo(200);
		assertThat(own.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isNull();
		Reply noOrigin = this.server.request(HttpMethod.GET, "EIO=4&transport=polling", (headers) -> {
		});
		assertThat(noOrigin.status()).isEqualTo(200);
		assertThat(this.server.engine().sessionCount()).isEqualTo(2);
	}

	@Test
	void anyOriginAllowsEveryOriginWithAWildcard() {
		start(EngineIoTestServer.fastHeartbeat().cors(EngineIoCorsOptions.anyOrigin()));
		Reply reply = this.server.request(HttpMethod.GET, "EIO=4&transport=polling",
				(headers) -> headers.set(HttpHeaderNames.ORIGIN, "https://example.com"));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("*");
		String sid = EngineIoTestServer.openPacket(reply.text()).path("sid").asString();
		Reply post = this.server.post(polling(sid), "4hello");
		assertThat(post.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("*");
	}

	@Test
	void preflightIsAnsweredWithNoContent() {
		start(EngineIoTestServer.fastHeartbeat().cors(EngineIoCorsOptions.anyOrigin()));
		Reply reply = this.server.request(HttpMethod.OPTIONS, "EIO=4&transport=polling",
				(headers) -> headers.set(HttpHeaderNames.ORIGIN, "https://example.com")
					.set(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD, "POST")
					.set(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS, "content-type"));
		assertThat(reply.status()).isEqualTo(204);
		assertThat(reply.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("*");
		assertThat(reply.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS))
			.isEqualTo("GET,HEAD,PUT,PATCH,POST,DELETE");
		assertThat(reply.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS)).isEqualTo("content-type");
		assertThat(this.server.engine().sessionCount()).isZero();
	}

	@Test
	void handshakeFromDisallowedOriginIsForbidden() {
		start(EngineIoTestServer.fastHeartbeat()
			.cors(EngineIoCorsOptions.builder().allowedOrigins(List.of("https://app.example.com")).build()));
		Reply refused = this.server.request(HttpMethod.GET, "EIO=4&transport=polling",
				(headers) -> headers.set(HttpHeaderNames.ORIGIN, "https://evil.example.com"));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().path("code").asInt()).isEqualTo(4);
		assertThat(refused.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isNull();
		Reply allowed = this.server.request(HttpMethod.GET, "EIO=4&transport=polling",
				(headers) -> headers.set(HttpHeaderNames.ORIGIN, "https://app.example.com"));
		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("https://app.example.com");
		assertThat(this.server.engine().sessionCount()).isEqualTo(1);
	}

	@Test
	void originPatternAllowsMatchingOrigins() {
		start(EngineIoTestServer.fastHeartbeat()
			.cors(EngineIoCorsOptions.builder().allowedOriginPatterns(List.of("https://*.example.com")).build()));
		Reply allowed = this.server.request(HttpMethod.GET, "EIO=4&transport=polling",
				(headers) -> headers.set(HttpHeaderNames.ORIGIN, "https://app.example.com"));
		assertThat(allowed.status()).isEqualTo(200);
		Reply refused = this.server.request(HttpMethod.GET, "EIO=4&transport=polling",
				(headers) -> headers.set(HttpHeaderNames.ORIGIN, "https://example.org"));
		assertThat(refused.status()).isEqualTo(403);
	}

	@Test
	void credentialsEchoTheOrigin() {
		start(EngineIoTestServer.fastHeartbeat()
			.cors(EngineIoCorsOptions.builder().allowedOrigins(List.of("*")).allowCredentials(true).build()));
		Reply reply = this.server.request(HttpMethod.GET, "EIO=4&transport=polling",
				(headers) -> headers.set(HttpHeaderNames.ORIGIN, "https://app.example.com"));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("https://app.example.com");
		assertThat(reply.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS)).isEqualTo("true");
		assertThat(reply.header(HttpHeaderNames.VARY)).isEqualToIgnoringCase("Origin");
	}

	@Test
	void invalidOriginHeaderIsRejected() {
		start();
		// Netty's request decoder already refuses control characters in header values;
		// the
		// engine's own check (code 3) backs it up for other servers.
		Reply reply = this.server.request(HttpMethod.GET, "EIO=4&transport=polling",
				(headers) -> headers.set(HttpHeaderNames.ORIGIN, "https://example.com\u007f"));
		assertThat(reply.status()).isEqualTo(400);
		assertThat(this.server.engine().sessionCount()).isZero();
	}

	// allowRequest (docs/protocol.md 1.7 code 4)

	@Test
	void requestFilterRejectionIsForbidden() {
		start(EngineIoTestServer.fastHeartbeat().requestFilter(EngineIoRequestFilter.of((handshake) -> false)));
		assertError(this.server.get("EIO=4&transport=polling"), 403, 4, "Forbidden");
		assertThat(this.server.engine().sessionCount()).isZero();
	}

	@Test
	void requestFilterThrowingSynchronouslyIsForbiddenWithItsMessage() {
		start(EngineIoTestServer.fastHeartbeat().requestFilter((handshake) -> {
			throw new EngineIoRequestRejectedException("Not today");
		}));
		assertError(this.server.get("EIO=4&transport=polling"), 403, 4, "Not today");
	}

	@Test
	void asyncRequestFilterRejectionIsForbiddenWithItsMessage() {
		start(EngineIoTestServer.fastHeartbeat()
			.requestFilter((handshake) -> Mono.delay(Duration.ofMillis(20))
				.then(Mono.error(new EngineIoRequestRejectedException("Token \"expired\"")))));
		assertError(this.server.get("EIO=4&transport=polling"), 403, 4, "Token \"expired\"");
	}

	@Test
	void asyncRequestFilterCanAcceptAndSeesTheQuery() {
		start(EngineIoTestServer.fastHeartbeat()
			.requestFilter((handshake) -> Mono.delay(Duration.ofMillis(20))
				.filter((tick) -> "good".equals(handshake.queryParam("token")))
				.switchIfEmpty(Mono.error(new EngineIoRequestRejectedException("Bad token")))
				.then()));
		assertThat(this.server.get("EIO=4&transport=polling&token=good").status()).isEqualTo(200);
		assertError(this.server.get("EIO=4&transport=polling&token=bad"), 403, 4, "Bad token");
	}

	@Test
	void requestFilterRunsBeforeTheProtocolVersionCheck() {
		start(EngineIoTestServer.fastHeartbeat().requestFilter(EngineIoRequestFilter.of((handshake) -> false)));
		assertError(this.server.get("EIO=3&transport=polling"), 403, 4, "Forbidden");
	}

	// Cookie, compression

	@Test
	void cookieOptionSetsTheSessionCookie() {
		start(EngineIoTestServer.fastHeartbeat().cookie(EngineIoCookieOptions.defaults()));
		Reply reply = this.server.get("EIO=4&transport=polling");
		String sid = EngineIoTestServer.openPacket(reply.text()).path("sid").asString();
		assertThat(reply.headers().getAll(HttpHeaderNames.SET_COOKIE))
			.containsExactly("io=" + sid + "; Path=/; HttpOnly; SameSite=Lax");
	}

	@Test
	void cookieOptionSetsTheSessionCookieOnAWebSocketHandshake() {
		start(EngineIoTestServer.fastHeartbeat().cookie(EngineIoCookieOptions.defaults()));
		String[] cookie = new String[1];
		RawWebSocketClient socket = RawWebSocketClient
			.connect(
					this.server.http()
						.doOnResponse((response,
								connection) -> cookie[0] = response.responseHeaders().get(HttpHeaderNames.SET_COOKIE)),
					this.server.path("EIO=4&transport=websocket"))
			.awaitConnected();
		String sid = EngineIoTestServer.openPacket(socket.next().text()).path("sid").asString();
		assertThat(cookie[0]).isEqualTo("io=" + sid + "; Path=/; HttpOnly; SameSite=Lax");
		socket.close();
	}

	@Test
	void noCookieByDefault() {
		start();
		assertThat(this.server.get("EIO=4&transport=polling").header(HttpHeaderNames.SET_COOKIE)).isNull();
	}

	@Test
	void bigResponseIsCompressedWhenEnabledAndAccepted() throws IOException {
		start(EngineIoTestServer.slowHeartbeat().httpCompression(true));
		String sid = this.server.handshake();
		String payload = "4" + "compressible ".repeat(200);
		this.server.post(polling(sid), payload);
		Reply reply = this.server.request(HttpMethod.GET, polling(sid),
				(headers) -> headers.set(HttpHeaderNames.ACCEPT_ENCODING, "gzip, deflate"));
		assertThat(reply.header(HttpHeaderNames.CONTENT_ENCODING)).isEqualTo("gzip");
		assertThat(reply.body().length).isLessThan(payload.length());
		assertThat(gunzip(reply.body())).isEqualTo(payload);
	}

	@Test
	void smallResponseIsNotCompressed() {
		start(EngineIoTestServer.slowHeartbeat().httpCompression(true));
		String sid = this.server.handshake();
		this.server.post(polling(sid), "4small");
		Reply reply = this.server.request(HttpMethod.GET, polling(sid),
				(headers) -> headers.set(HttpHeaderNames.ACCEPT_ENCODING, "gzip"));
		assertThat(reply.header(HttpHeaderNames.CONTENT_ENCODING)).isNull();
		assertThat(reply.text()).isEqualTo("4small");
	}

	@Test
	void responseIsNotCompressedByDefault() {
		start(EngineIoTestServer.slowHeartbeat());
		String sid = this.server.handshake();
		String payload = "4" + "compressible ".repeat(200);
		this.server.post(polling(sid), payload);
		Reply reply = this.server.request(HttpMethod.GET, polling(sid),
				(headers) -> headers.set(HttpHeaderNames.ACCEPT_ENCODING, "gzip"));
		assertThat(reply.header(HttpHeaderNames.CONTENT_ENCODING)).isNull();
		assertThat(reply.text()).isEqualTo(payload);
	}

	private static void assertError(Reply reply, int status, int code, String message) {
		assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
		assertThat(reply.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
		assertThat(reply.text())
			.isEqualTo("{\"code\":" + code + ",\"message\":" + ErrorResponses.jsonString(message) + "}");
	}

	private static String gunzip(byte[] bytes) throws IOException {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static List<String> readHeaders(InputStream in) throws IOException {
		List<String> headers = new ArrayList<>();
		for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
			headers.add(line.toLowerCase(Locale.ROOT));
		}
		return headers;
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != -1 && c != '\n') {
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

}
