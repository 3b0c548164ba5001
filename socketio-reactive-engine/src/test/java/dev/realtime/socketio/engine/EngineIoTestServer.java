package dev.realtime.socketio.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.realtime.socketio.testsupport.RawWebSocketClient;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.realtime.socketio.internal.EngineIoEcho;
import dev.realtime.socketio.netty.EngineIoHttpServer;
import dev.realtime.socketio.netty.HttpRequestTimeouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Engine.IO server on {@code 127.0.0.1} and a random port, with a Reactor Netty
 * {@link HttpClient} to talk to it. The default engine is an echo engine, like the
 * conformance fixture: every message goes back unchanged to the session that sent it.
 */
final class EngineIoTestServer implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	static final String SEPARATOR = "\u001e";

	private static final JsonMapper JSON = JsonMapper.shared();

	private final EngineIoServer[] engines;

	private final DisposableServer server;

	private final ConnectionProvider connections;

	private final HttpClient http;

	private EngineIoTestServer(EngineIoServer... engines) {
		this(HttpRequestTimeouts.defaults(), engines);
	}

	private EngineIoTestServer(HttpRequestTimeouts timeouts, EngineIoServer... engines) {
		this.engines = engines;
		this.server = EngineIoHttpServer.start("127.0.0.1", 0, timeouts, engines);
		this.connections = ConnectionProvider.builder("engine-io-tests").maxConnections(64).build();
		this.http = HttpClient.create(this.connections).baseUrl("http://127.0.0.1:" + this.server.port());
	}

	/**
	 * Start an echo engine at {@code /engine.io/}.
	 */
	static EngineIoTestServer echo(EngineIoOptions options) {
		EngineIoServer engine = EngineIoServer.create(options);
		engine.onConnection(EngineIoTestServer::echo);
		return new EngineIoTestServer(engine);
	}

	/**
	 * Start the given engines, already configured.
	 */
	static EngineIoTestServer start(EngineIoServer... engines) {
		return new EngineIoTestServer(engines);
	}

	/**
	 * Start the given engines, with these request read timeouts.
	 */
	static EngineIoTestServer start(HttpRequestTimeouts timeouts, EngineIoServer... engines) {
		return new EngineIoTestServer(timeouts, engines);
	}

	/**
	 * The conformance fixture's settings: ping 300 / 200 ms.
	 */
	static EngineIoOptions.Builder fastHeartbeat() {
		return EngineIoOptions.builder().pingInterval(Duration.ofMillis(300)).pingTimeout(Duration.ofMillis(200));
	}

	/**
	 * Settings under which no heartbeat interferes with a test.
	 */
	static EngineIoOptions.Builder slowHeartbeat() {
		return EngineIoOptions.builder().pingInterval(Duration.ofSeconds(30)).pingTimeout(Duration.ofSeconds(30));
	}

	/**
	 * Make a session echo its messages ({@link EngineIoEcho}).
	 */
	static void echo(EngineIoSocket socket) {
		EngineIoEcho.attach(socket);
	}

	EngineIoServer engine() {
		return this.engines[0];
	}

	int port() {
		return this.server.port();
	}

	String httpUrl() {
		return "http://127.0.0.1:" + port() + engine().options().path();
	}

	String wsUrl(String query) {
		return "ws://127.0.0.1:" + port() + engine().options().path() + "?" + query;
	}

	HttpClient http() {
		return this.http;
	}

	// Polling

	Mono<Reply> exchange(HttpMethod method, String uri, Consumer<HttpHeaders> headers,
			@Nullable Publisher<String> body) {
		HttpClient client = this.http.headers(headers);
		HttpClient.ResponseReceiver<?> receiver = (body != null)
				? client.request(method)
					.uri(uri)
					.send(ByteBufFlux.fromString(body, StandardCharsets.UTF_8, ByteBufAllocator.DEFAULT))
				: client.request(method).uri(uri);
		return receiver.responseSingle((response, content) -> content.asByteArray()
			.defaultIfEmpty(new byte[0])
			.map((bytes) -> new Reply(response.status().code(), copy(response.responseHeaders()), bytes)));
	}

	Mono<Reply> getAsync(String query) {
		return exchange(HttpMethod.GET, path(query), (headers) -> {
		}, null);
	}

	Reply get(String query) {
		return block(getAsync(query));
	}

	Mono<Reply> postAsync(String query, String body) {
		return exchange(HttpMethod.POST, path(query), (headers) -> {
		}, Mono.just(body));
	}

	Reply post(String query, String body) {
		return block(postAsync(query, body));
	}

	Reply request(HttpMethod method, String query, Consumer<HttpHeaders> headers) {
		return block(exchange(method, path(query), headers, null));
	}

	/**
	 * Open a polling session on the first engine and return its id.
	 */
	String handshake() {
		return handshakeAt(engine().options().path());
	}

	String handshakeAt(String path) {
		Reply reply = block(exchange(HttpMethod.GET, path + "?EIO=4&transport=polling", (headers) -> {
		}, null));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.text()).startsWith("0{");
		return openPacket(reply.text()).path("sid").asString();
	}

	/**
	 * Send a GET and wait until the session holds it open.
	 * @param sid the session id
	 * @return the reply, once the session answers the GET
	 */
	Mono<Reply> pendingPoll(String sid) {
		Mono<Reply> pending = getAsync(polling(sid)).cache();
		pending.subscribe();
		awaitPendingPoll(sid);
		return pending;
	}

	/**
	 * Wait until the session holds a GET open, so that what follows cannot overtake it.
	 */
	void awaitPendingPoll(String sid) {
		EngineIoSession session = (EngineIoSession) engine().session(sid);
		assertThat(session).isNotNull();
		await().atMost(TIMEOUT).until(() -> {
			CompletableFuture<Boolean> pending = new CompletableFuture<>();
			session.execute(() -> pending.complete(session.polling().isWaiting()));
			return pending.get();
		});
	}

	/**
	 * Wait until every session has left the engine: a session is removed right after its
	 * last packet or close frame was flushed, so a client can see the end first.
	 */
	void awaitNoSessions() {
		await().atMost(TIMEOUT).until(() -> engine().sessionCount() == 0);
	}

	/**
	 * Run a task in the session's context and wait for it, so that it cannot be overtaken
	 * by requests that the test sends next.
	 */
	static void onLoop(EngineIoSocket socket, Runnable task) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		socket.execute(() -> {
			try {
				task.run();
				done.complete(null);
			}
			catch (RuntimeException ex) {
				done.completeExceptionally(ex);
			}
		});
		try {
			done.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("Task in the session's context failed", ex);
		}
	}

	String path(String query) {
		return engine().options().path() + "?" + query;
	}

	static String polling(String sid) {
		return "EIO=4&transport=polling&sid=" + sid;
	}

	static JsonNode openPacket(String packet) {
		assertThat(packet).startsWith("0");
		String json = packet.substring(1);
		int separator = json.indexOf(SEPARATOR);
		return JSON.readTree((separator >= 0) ? json.substring(0, separator) : json);
	}

	static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	static <T> T block(Mono<T> mono) {
		T value = mono.block(TIMEOUT);
		assertThat(value).isNotNull();
		return value;
	}

	// WebSocket

	RawWebSocketClient openWebSocket(String query) {
		return RawWebSocketClient.connect(this.http, path(query));
	}

	@Override
	public void close() {
		for (EngineIoServer engine : this.engines) {
			engine.shutdown().block(TIMEOUT);
		}
		this.server.disposeNow(TIMEOUT);
		this.connections.disposeLater().block(TIMEOUT);
	}

	private static HttpHeaders copy(HttpHeaders headers) {
		return new DefaultHttpHeaders().add(headers);
	}

	/**
	 * An HTTP response, read whole.
	 */
	record Reply(int status, HttpHeaders headers, byte[] body) {

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		JsonNode json() {
			return JSON.readTree(text());
		}

		@Nullable String header(CharSequence name) {
			return this.headers.get(name);
		}

		@Override
		public String toString() {
			return "Reply[" + this.status + ", " + text() + "]";
		}

	}

}
