package dev.realtime.socketio.admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.testsupport.SocketIoNodeDriver;
import dev.realtime.socketio.testsupport.SocketIoTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin namespace driven by the official {@code socket.io-client}, as the Admin UI
 * drives it (the UI's {@code App.vue}): what it receives on connecting, the live updates
 * of a socket's life, the commands, authentication with sessions, and the read-only
 * production mode.
 */
class SocketIoAdminUiIntegrationTests {

	/** The bcrypt hash of "changeit", from the Node package's own tests. */
	static final String CHANGEIT = "$2b$10$nu1FHRkuxkZkqID.31gz4uQsyERZAn.m4IIruysTsHDODBtrqS5Me";

	private static final Duration FAST_STATS = Duration.ofMillis(200);

	private SocketIoTestServer server;

	private SocketIoAdminUi adminUi;

	private SocketIoNodeDriver driver;

	@AfterEach
	void close() {
		if (this.driver != null) {
			this.driver.close();
		}
		if (this.adminUi != null) {
			this.adminUi.close();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	/**
	 * An application: {@code join} joins a room, {@code ping} is answered {@code pong}.
	 */
	static void app(SocketIoServer io) {
		// Data a middleware sets is in socket_connected; later changes show in
		// all_sockets.
		io.sockets().use((socket) -> {
			socket.data().put("user", socket.handshake().auth().path("user").asString("anonymous"));
			return Mono.empty();
		});
		io.onConnection((socket) -> {
			socket.on("join", (args, ack) -> socket.join(args.get(0).asString()));
			socket.on("ping", (args, ack) -> socket.emit("pong", "hi"));
		});
	}

	private void start(AdminUiOptions.Builder options) {
		this.server = SocketIoTestServer.start();
		app(this.server.io());
		this.adminUi = SocketIoAdminUi.instrument(this.server.io(), options.statsInterval(FAST_STATS).build());
		this.driver = SocketIoNodeDriver.start();
	}

	@Test
	void developmentModeSendsConfigSocketsAndEveryChange() {
		start(AdminUiOptions.builder().auth(AdminUiAuth.none()).serverId("node-1"));
		this.driver.connect("app", this.server.url("/"), Map.of("auth", Map.of("user", "alice")));
		String sid = this.driver.await("app", "connect").path("sid").asString();

		this.driver.connect("admin", this.server.url("/admin"), Map.of());
		this.driver.await("admin", "connect");
		JsonNode config = args(this.driver.awaitEvent("admin", "config")).get(0);
		assertThat(texts(config.path("supportedFeatures"))).containsExactly("EMIT", "JOIN", "LEAVE", "DISCONNECT",
				"MJOIN", "MLEAVE", "MDISCONNECT", "AGGREGATED_EVENTS", "ALL_EVENTS");
		JsonNode all = args(this.driver.awaitEvent("admin", "all_sockets")).get(0);
		JsonNode app = find(all, (socket) -> socket.path("id").asString().equals(sid));
		assertThat(app.path("nsp").asString()).isEqualTo("/");
		assertThat(app.path("clientId").asString()).hasSize(12);
		assertThat(app.path("transport").asString()).isIn("polling", "websocket");
		assertThat(app.path("data").path("user").asString()).isEqualTo("alice");
		assertThat(app.path("data").has("_admin")).isFalse();
		assertThat(app.path("handshake").path("headers").path("host").asString()).startsWith("127.0.0.1:");
		assertThat(app.path("handshake").path("query").path("EIO").asString()).isEqualTo("4");
		assertThat(app.path("handshake").has("auth")).isFalse();
		assertThat(texts(app.path("rooms"))).containsExactly(sid);

		JsonNode stats = awaitAdminEvent("server_stats",
				(args) -> find(args.get(0).path("namespaces"), (nsp) -> nsp.path("name").asString().equals("/"))
					.path("socketsCount")
					.asInt() == 1);
		assertThat(stats.get(0).path("serverId").asString()).isEqualTo("node-1");
		assertThat(stats.get(0).path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
		assertThat(stats.get(0).path("clientsCount").asInt()).isEqualTo(2);

		this.driver.emit("app", "join", "lobby");
		JsonNode joined = awaitAdminEvent("room_joined", (args) -> args.get(1).asString().equals("lobby"));
		assertThat(joined.get(0).asString()).isEqualTo("/");
		assertThat(joined.get(2).asString()).isEqualTo(sid);
		assertThat(joined.get(3).asString()).endsWith("Z");

		this.driver.emit("app", "hello", "world", 42);
		JsonNode received = awaitAdminEvent("event_received", (args) -> args.get(2).get(0).asString().equals("hello"));
		assertThat(received.get(1).asString()).isEqualTo(sid);
		assertThat(received.get(2).toString()).isEqualTo("[\"hello\",\"world\",42]");

		this.driver.emit("app", "ping");
		JsonNode sent = awaitAdminEvent("event_sent", (args) -> args.get(2).get(0).asString().equals("pong"));
		assertThat(sent.get(2).toString()).isEqualTo("[\"pong\",\"hi\"]");

		this.driver.connect("late", this.server.url("/"), Map.of("auth", Map.of("user", "bob")));
		String late = this.driver.await("late", "connect").path("sid").asString();
		JsonNode connected = awaitAdminEvent("socket_connected",
				(args) -> args.get(0).path("id").asString().equals(late));
		assertThat(connected.get(0).path("data").path("user").asString()).isEqualTo("bob");
		assertThat(connected.get(1).asString()).endsWith("Z");
	}

	@Test
	void commandsActOnTheSocketsAFilterSelects() {
		start(AdminUiOptions.builder().auth(AdminUiAuth.none()));
		this.driver.connect("app", this.server.url("/"), Map.of());
		String sid = this.driver.await("app", "connect").path("sid").asString();
		this.driver.connect("other", this.server.url("/"), Map.of());
		this.driver.await("other", "connect");
		this.driver.connect("admin", this.server.url("/admin"), Map.of());
		this.driver.awaitEvent("admin", "all_sockets");
		this.driver.emit("app", "join", "lobby");
		awaitAdminEvent("room_joined", (args) -> args.get(1).asString().equals("lobby"));

		this.driver.emit("admin", "emit", "/", "lobby", "news", 1, "two");
		assertThat(args(this.driver.awaitEvent("app", "news")).toString()).isEqualTo("[1,\"two\"]");
		this.driver.emit("admin", "emit", "/", null, "everyone");
		this.driver.awaitEvent("app", "everyone");
		this.driver.awaitEvent("other", "everyone");
		assertThat(this.driver.received(
				(line) -> "news".equals(line.path("event").asString()) && "other".equals(line.path("id").asString())))
			.isEmpty();

		this.driver.emit("admin", "join", "/", "vip", sid);
		awaitAdminEvent("room_joined", (args) -> args.get(1).asString().equals("vip"));
		assertThat(this.server.io().sockets().sockets().get(sid).rooms()).contains("vip", "lobby");
		this.driver.emit("admin", "leave", "/", "vip", sid);
		JsonNode left = awaitAdminEvent("room_left", (args) -> args.get(1).asString().equals("vip"));
		assertThat(left.get(2).asString()).isEqualTo(sid);

		this.driver.emit("admin", "_disconnect", "/", false, "lobby");
		assertThat(this.driver.await("app", "disconnect").path("reason").asString()).isEqualTo("io server disconnect");
		JsonNode gone = awaitAdminEvent("socket_disconnected", (args) -> args.get(1).asString().equals(sid));
		assertThat(gone.get(0).asString()).isEqualTo("/");
		assertThat(gone.get(2).asString()).isEqualTo("server namespace disconnect");
		assertThat(this.server.io().sockets().sockets()).hasSize(1);
	}

	@Test
	void basicAuthenticationRefusesStrangersAndRemembersSessions() {
		start(AdminUiOptions.builder().auth(AdminUiAuth.basic("admin", CHANGEIT)));
		this.driver.connect("anonymous", this.server.url("/admin"), Map.of("reconnection", false));
		assertThat(this.driver.await("anonymous", "connect_error").path("message").asString())
			.isEqualTo("invalid credentials");
		this.driver.connect("wrong", this.server.url("/admin"),
				Map.of("reconnection", false, "auth", Map.of("username", "admin", "password", "nope")));
		assertThat(this.driver.await("wrong", "connect_error").path("message").asString())
			.isEqualTo("invalid credentials");

		this.driver.connect("admin", this.server.url("/admin"),
				Map.of("auth", Map.of("username", "admin", "password", "changeit")));
		this.driver.await("admin", "connect");
		String session = args(this.driver.awaitEvent("admin", "session")).get(0).asString();
		assertThat(session).hasSize(32);
		this.driver.awaitEvent("admin", "config");

		this.driver.connect("reload", this.server.url("/admin"), Map.of("auth", Map.of("sessionId", session)));
		this.driver.await("reload", "connect");
		this.driver.awaitEvent("reload", "config");
		this.driver.connect("forged", this.server.url("/admin"),
				Map.of("reconnection", false, "auth", Map.of("sessionId", "0123456789abcdef")));
		assertThat(this.driver.await("forged", "connect_error").path("message").asString())
			.isEqualTo("invalid credentials");
	}

	@Test
	void readonlyProductionModeSendsStatsOnlyAndRefusesCommands() {
		start(AdminUiOptions.builder().auth(AdminUiAuth.none()).readonly(true).mode(AdminUiMode.PRODUCTION));
		this.driver.connect("app", this.server.url("/"), Map.of());
		this.driver.await("app", "connect");
		this.driver.connect("admin", this.server.url("/admin"), Map.of());
		JsonNode config = args(this.driver.awaitEvent("admin", "config")).get(0);
		assertThat(texts(config.path("supportedFeatures"))).containsExactly("AGGREGATED_EVENTS");
		this.driver.emit("admin", "emit", "/", null, "news");
		this.driver.emit("app", "hello");
		JsonNode stats = awaitAdminEvent("server_stats", (args) -> {
			List<String> types = args.get(0)
				.path("aggregatedEvents")
				.valueStream()
				.map((event) -> event.path("type").asString())
				.toList();
			return types.contains("rawConnection");
		});
		JsonNode bytes = find(stats.get(0).path("aggregatedEvents"),
				(event) -> event.path("type").asString().equals("rawConnection"));
		assertThat(bytes.path("count").asInt()).isPositive();
		assertThat(bytes.path("timestamp").asLong() % 1000).isZero();
		// The admin and the app each asked for something after config: the app's hello
		// has
		// come and gone (a ping round trip later), the admin's emit was never run.
		this.driver.emit("app", "ping");
		this.driver.awaitEvent("app", "pong");
		assertThat(this.driver.received((line) -> "news".equals(line.path("event").asString()))).isEmpty();
		assertThat(this.driver.received((line) -> "admin".equals(line.path("id").asString())
				&& List.of("all_sockets", "socket_connected", "event_received")
					.contains(line.path("event").asString())))
			.isEmpty();
	}

	private JsonNode awaitAdminEvent(String event, Predicate<JsonNode> argsMatch) {
		return args(this.driver.await(
				(line) -> "admin".equals(line.path("id").asString()) && "event".equals(line.path("type").asString())
						&& event.equals(line.path("event").asString()) && argsMatch.test(line.get("args")),
				SocketIoNodeDriver.TIMEOUT));
	}

	static JsonNode args(JsonNode observation) {
		return SocketIoNodeDriver.args(observation);
	}

	static List<String> texts(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

	static JsonNode find(JsonNode array, Predicate<JsonNode> match) {
		return array.valueStream().filter(match).findFirst().orElseThrow(() -> new AssertionError("None in " + array));
	}

}
