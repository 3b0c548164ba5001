package dev.realtime.socketio.spring.boot.autoconfigure;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.realtime.socketio.server.ConnectRejectedException;
import dev.realtime.socketio.server.DisconnectReason;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.spring.auth.SocketIoConnectAuthorizer;
import dev.realtime.socketio.spring.auth.SocketIoPrincipal;
import dev.realtime.socketio.spring.core.SocketIoTemplate;
import dev.realtime.socketio.testsupport.JavaSocketIoClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for Socket.IO mounted on a WebFlux application's own port, driven by
 * the Java {@code socket.io-client} and raw HTTP.
 */
@SpringBootTest(classes = SocketIoWebFluxIntegrationTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "socketio.cors.allowed-origins=https://allowed.example.com", "socketio.auth.bearer.enabled=true",
				"socketio.auth.bearer.required=false" })
class SocketIoWebFluxIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String ALLOWED_ORIGIN = "https://allowed.example.com";

	private static final String OTHER_ORIGIN = "https://evil.example.com";

	@LocalServerPort
	private int port;

	@Autowired
	private SocketIoServer server;

	@RegisterExtension
	final JavaSocketIoClients clients = new JavaSocketIoClients();

	@Test
	void webFluxControllerAnswersOnTheSamePort() {
		String body = http().get().uri("/hello").responseContent().aggregate().asString().block(TIMEOUT);
		assertThat(body).isEqualTo("hello from webflux");
	}

	@Test
	void clientEmitsWithAckAndGetsTheReply() throws Exception {
		Socket socket = connect(this.port, "/chat", options());
		CompletableFuture<Object> reply = new CompletableFuture<>();
		socket.emit("echo", new Object[] { new JSONObject(Map.of("text", "hi")) }, (args) -> reply.complete(args[0]));
		JSONObject answer = (JSONObject) reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(answer.getString("text")).isEqualTo("hi");
		assertThat(answer.getString("from")).isEqualTo("server");
	}

	@Test
	void clientConnectsOverWebSocketOnly() throws Exception {
		IO.Options options = options();
		options.transports = new String[] { "websocket" };
		Socket socket = connect(this.port, "/chat", options);
		CompletableFuture<Object> reply = new CompletableFuture<>();
		socket.emit("echo", new Object[] { "plain" }, (args) -> reply.complete(args[0]));
		assertThat(reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("plain");
	}

	@Test
	void templateEmitFromRestCallReachesRoomMember() {
		List<String> inRoom = new CopyOnWriteArrayList<>();
		List<String> elsewhere = new CopyOnWriteArrayList<>();
		Socket member = connect(this.port, "/chat", withQuery("room=r1"));
		Socket other = connect(this.port, "/chat", withQuery("room=r2"));
		member.on("announcement", (args) -> inRoom.add("announcement:" + args[0]));
		other.on("announcement", (args) -> elsewhere.add("announcement:" + args[0]));
		other.on("everyone", (args) -> elsewhere.add("everyone:" + args[0]));
		String status = http().post()
			.uri("/announce/r1")
			.send(ByteBufFlux.fromString(Mono.just("lunch is ready")))
			.response()
			.map((response) -> response.status().toString())
			.block(TIMEOUT);
		assertThat(status).startsWith("200");
		await().atMost(TIMEOUT).until(() -> inRoom.contains("announcement:lunch is ready"));
		// Events on one connection arrive in order: once "everyone" is there, an
		// announcement to r1 would have arrived before it.
		this.server.of("/chat").emit("everyone", "done");
		await().atMost(TIMEOUT).until(() -> elsewhere.contains("everyone:done"));
		assertThat(elsewhere).containsExactly("everyone:done");
	}

	@Test
	void handshakeFromAllowedOriginGetsCorsHeaders() {
		HandshakeResponse response = pollingHandshake(ALLOWED_ORIGIN);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.allowOrigin()).isEqualTo(ALLOWED_ORIGIN);
		assertThat(response.body()).startsWith("0{\"sid\":");
	}

	@Test
	void preflightFromAllowedOriginIsAnswered() {
		HandshakeResponse response = http()
			.headers((headers) -> headers.set(HttpHeaderNames.ORIGIN, ALLOWED_ORIGIN)
				.set(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD, "POST"))
			.request(HttpMethod.OPTIONS)
			.uri("/socket.io/?EIO=4&transport=polling")
			.responseSingle((res,
					content) -> Mono.just(new HandshakeResponse(res.status().code(),
							res.responseHeaders().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN),
							res.responseHeaders().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS))))
			.block(TIMEOUT);
		assertThat(response.status()).isEqualTo(204);
		assertThat(response.allowOrigin()).isEqualTo(ALLOWED_ORIGIN);
		assertThat(response.body()).contains("POST");
	}

	@Test
	void handshakeFromOtherOriginIsRefused() {
		HandshakeResponse response = pollingHandshake(OTHER_ORIGIN);
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.allowOrigin()).isNull();
	}

	@Test
	void webSocketUpgradeFromOtherOriginIsRefused() {
		assertThatExceptionOfType(WebSocketClientHandshakeException.class)
			.isThrownBy(() -> webSocketHandshake(OTHER_ORIGIN))
			.satisfies((ex) -> assertThat(ex.response().status().code()).isEqualTo(403));
	}

	@Test
	void webSocketUpgradeFromAllowedOriginIsAccepted() {
		assertThat(webSocketHandshake(ALLOWED_ORIGIN)).startsWith("0{\"sid\":");
	}

	@Test
	void validBearerTokenBecomesThePrincipal() throws Exception {
		IO.Options options = options();
		options.auth = Map.of("token", "good-token");
		Socket socket = connect(this.port, "/chat", options);
		assertThat(whoami(socket)).isEqualTo("alice");
	}

	@Test
	void connectionWithoutTokenIsAnonymousWhenTokenIsOptional() throws Exception {
		Socket socket = connect(this.port, "/chat", options());
		assertThat(whoami(socket)).isEqualTo("anonymous");
	}

	@Test
	void invalidBearerTokenIsRejectedWithData() throws Exception {
		IO.Options options = options();
		options.auth = Map.of("token", "stolen-token");
		JSONObject error = connectError("/chat", options);
		assertThat(error.getString("message")).isEqualTo("Unauthorized");
		JSONObject data = error.getJSONObject("data");
		assertThat(data.getString("error")).isEqualTo("invalid_token");
		assertThat(data.getString("error_description")).isEqualTo("Unknown token");
	}

	@Test
	void namespaceAuthorizerAcceptsAndRejects() throws Exception {
		JSONObject error = connectError("/admin", options());
		assertThat(error.getString("message")).isEqualTo("admins only");
		assertThat(error.getJSONObject("data").getInt("code")).isEqualTo(403);
		IO.Options admin = options();
		admin.auth = Map.of("token", "good-token", "role", "admin");
		Socket socket = connect(this.port, "/admin", admin);
		assertThat(socket.connected()).isTrue();
		assertThat(whoami(connect(this.port, "/chat", options()))).isEqualTo("anonymous");
	}

	@Test
	void closingTheContextDisconnectsSocketsWithServerShuttingDown() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class)
			.properties("server.port=0", "spring.main.banner-mode=off")
			.run();
		ChatHandlers handlers = context.getBean(ChatHandlers.class);
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		List<String> clientReasons = new CopyOnWriteArrayList<>();
		// Polling: the Java client ignores a WebSocket close frame (it never answers
		// OkHttp's onClosing), so over WebSocket it would not notice the close.
		IO.Options options = options();
		options.transports = new String[] { "polling" };
		Socket socket = connect(port, "/chat", options);
		socket.on(Socket.EVENT_DISCONNECT, (args) -> clientReasons.add(String.valueOf(args[0])));
		String id = socket.id();
		SocketIoServer server = context.getBean(SocketIoServer.class);
		await().atMost(TIMEOUT).until(() -> server.of("/chat").socket(id) != null);
		context.close();
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(handlers.disconnectReasons).containsEntry(id,
					DisconnectReason.SERVER_SHUTTING_DOWN));
		await().atMost(TIMEOUT).until(() -> !clientReasons.isEmpty());
	}

	private String whoami(Socket socket) throws Exception {
		CompletableFuture<Object> reply = new CompletableFuture<>();
		socket.emit("whoami", new Object[0], (args) -> reply.complete(args[0]));
		return (String) reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	private Socket connect(int port, String namespace, IO.Options options) {
		return this.clients.connect("http://localhost:" + port + namespace, options);
	}

	private JSONObject connectError(String namespace, IO.Options options) {
		return this.clients.refusal("http://localhost:" + this.port + namespace, options);
	}

	private static IO.Options options() {
		return JavaSocketIoClients.options();
	}

	private static IO.Options withQuery(String query) {
		IO.Options options = options();
		options.query = query;
		return options;
	}

	private HttpClient http() {
		return HttpClient.create().baseUrl("http://localhost:" + this.port);
	}

	private HandshakeResponse pollingHandshake(String origin) {
		return http().headers((headers) -> headers.set(HttpHeaderNames.ORIGIN, origin))
			.get()
			.uri("/socket.io/?EIO=4&transport=polling")
			.responseSingle((response, content) -> content.asString()
				.defaultIfEmpty("")
				.map((body) -> new HandshakeResponse(response.status().code(),
						response.responseHeaders().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN), body)))
			.block(TIMEOUT);
	}

	private String webSocketHandshake(String origin) {
		return http().headers((headers) -> headers.set(HttpHeaderNames.ORIGIN, origin))
			.websocket()
			.uri("/socket.io/?EIO=4&transport=websocket")
			.handle((in, out) -> in.receive().asString().take(1))
			.blockFirst(TIMEOUT);
	}

	record HandshakeResponse(int status, String allowOrigin, String body) {
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		HelloController helloController(SocketIoTemplate template) {
			return new HelloController(template);
		}

		@Bean
		ChatHandlers chatHandlers(SocketIoServer server) {
			return new ChatHandlers(server);
		}

		@Bean
		ReactiveAuthenticationManager tokenAuthenticationManager() {
			return (authentication) -> {
				String token = ((BearerTokenAuthenticationToken) authentication).getToken();
				if (!"good-token".equals(token)) {
					return Mono.error(new BadCredentialsException("Unknown token"));
				}
				return Mono.just(UsernamePasswordAuthenticationToken.authenticated("alice", token, List.of()));
			};
		}

		@Bean
		SocketIoConnectAuthorizer adminAuthorizer() {
			return SocketIoConnectAuthorizer.forNamespaces((socket) -> {
				if (!"admin".equals(socket.handshake().auth().path("role").asString())) {
					return Mono.error(new ConnectRejectedException("admins only", Map.of("code", 403)));
				}
				return Mono.empty();
			}, "/admin");
		}

	}

	@RestController
	static class HelloController {

		private final SocketIoTemplate template;

		HelloController(SocketIoTemplate template) {
			this.template = template;
		}

		@GetMapping("/hello")
		String hello() {
			return "hello from webflux";
		}

		@PostMapping("/announce/{room}")
		void announce(@PathVariable String room, @RequestBody String text) {
			this.template.to("/chat", room).emit("announcement", text);
		}

	}

	/**
	 * Registers listeners on the server directly, as an application without the
	 * annotation model would.
	 */
	static class ChatHandlers {

		final Map<String, DisconnectReason> disconnectReasons = new ConcurrentHashMap<>();

		ChatHandlers(SocketIoServer server) {
			server.of("/chat").onConnection((socket) -> {
				String room = socket.handshake().queryParam("room");
				if (room != null) {
					socket.join(room);
				}
				socket.on("echo", (args, ack) -> {
					if (ack != null) {
						Object reply = args.get(0).isObject()
								? Map.of("text", args.get(0).path("text").asString(), "from", "server")
								: args.get(0).asString();
						ack.send(reply);
					}
				});
				socket.on("whoami", (args, ack) -> {
					Principal principal = SocketIoPrincipal.get(socket);
					if (ack != null) {
						ack.send((principal != null) ? principal.getName() : "anonymous");
					}
				});
				socket.onDisconnect((reason, description) -> this.disconnectReasons.put(socket.id(), reason));
			});
			server.of("/admin").onConnection((socket) -> socket.on("whoami", (args, ack) -> {
				if (ack != null) {
					ack.send(String.valueOf(SocketIoPrincipal.get(socket)));
				}
			}));
		}

	}

}
