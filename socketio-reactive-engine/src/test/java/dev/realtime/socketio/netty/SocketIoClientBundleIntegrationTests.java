package dev.realtime.socketio.netty;

import java.time.Duration;

import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerOptions;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser bundle served under the Socket.IO path.
 */
class SocketIoClientBundleIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private SocketIoServer io;

	private DisposableServer server;

	private HttpClient http;

	@BeforeEach
	void start() {
		this.io = SocketIoServer.create(SocketIoServerOptions.defaults());
		this.server = HttpServer.create().host("127.0.0.1").port(0).route(SocketIoRoutes.of(this.io)).bindNow();
		this.http = HttpClient.create().baseUrl("http://127.0.0.1:" + this.server.port());
	}

	@AfterEach
	void stop() {
		this.io.close().block(TIMEOUT);
		this.server.disposeNow();
	}

	@Test
	void servesTheBundleFromTheClasspathWithTheClientVersionAsEtag() {
		var response = this.http.get()
			.uri("/socket.io/socket.io.js")
			.responseSingle((res, body) -> body.asString()
				.map((text) -> new Object[] { res.status().code(),
						res.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE),
						res.responseHeaders().get(HttpHeaderNames.ETAG),
						res.responseHeaders().get(HttpHeaderNames.CACHE_CONTROL), text }))
			.block(TIMEOUT);
		assertThat(response[0]).isEqualTo(200);
		assertThat((String) response[1]).startsWith("application/javascript");
		// The version of the stand-in package.json next to the stand-in bundle, as Node's
		// "4.8.4".
		assertThat(response[2]).isEqualTo("\"0.0.0-test\"");
		assertThat(response[3]).isEqualTo("public, max-age=0");
		assertThat((String) response[4]).contains("stand-in for the socket.io-client bundle");
	}

	@Test
	void answers304WithoutABodyToAStrongOrWeakEtagOfTheClientVersion() {
		for (String etag : new String[] { "\"0.0.0-test\"", "W/\"0.0.0-test\"" }) {
			var response = this.http.headers((headers) -> headers.set(HttpHeaderNames.IF_NONE_MATCH, etag))
				.get()
				.uri("/socket.io/socket.io.js")
				.responseSingle((res, body) -> body.asString()
					.defaultIfEmpty("")
					.map((text) -> new Object[] { res.status().code(), res.responseHeaders().get(HttpHeaderNames.ETAG),
							text }))
				.block(TIMEOUT);
			assertThat(response[0]).isEqualTo(304);
			assertThat(response[1]).isNull();
			assertThat(response[2]).isEqualTo("");
		}
		int otherVersion = this.http.headers((headers) -> headers.set(HttpHeaderNames.IF_NONE_MATCH, "\"4.8.3\""))
			.get()
			.uri("/socket.io/socket.io.js")
			.response()
			.map((res) -> res.status().code())
			.block(TIMEOUT);
		assertThat(otherVersion).isEqualTo(200);
	}

	@Test
	void answers404ForABundleFileThatIsNotOnTheClasspath() {
		int status = this.http.get()
			.uri("/socket.io/socket.io.min.js")
			.response()
			.map((res) -> res.status().code())
			.block(TIMEOUT);
		assertThat(status).isEqualTo(404);
	}

	@Test
	void answers404WhenServingTheClientIsOff() {
		this.io.close().block(TIMEOUT);
		this.server.disposeNow();
		this.io = SocketIoServer.create(SocketIoServerOptions.builder().serveClient(false).build());
		this.server = HttpServer.create().host("127.0.0.1").port(0).route(SocketIoRoutes.of(this.io)).bindNow();
		int status = HttpClient.create()
			.baseUrl("http://127.0.0.1:" + this.server.port())
			.get()
			.uri("/socket.io/socket.io.js")
			.response()
			.map((res) -> res.status().code())
			.block(TIMEOUT);
		// Without the bundle route the request reaches the engine, which refuses it.
		assertThat(status).isEqualTo(400);
	}

}
