package dev.realtime.socketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.realtime.socketio.engine.EngineIoTransport;
import dev.realtime.socketio.testsupport.SocketIoTestServer;
import dev.realtime.socketio.testsupport.SocketRecorder;
import dev.realtime.socketio.testsupport.TestFixture;
import dev.realtime.socketio.testsupport.TestHandlers;
import io.socket.client.Ack;
import io.socket.client.Socket;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static dev.realtime.socketio.testsupport.TestQueues.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server API driven by the Java {@code io.socket:socket.io-client} 2.x, over its
 * default transports (polling, then upgrade to WebSocket).
 */
class SocketIoJavaClientIntegrationTests {

	private static final Duration TIMEOUT = SocketIoTestServer.TIMEOUT;

	@RegisterExtension
	final TestFixture<SocketIoTestServer> servers = TestFixture.manual();

	private SocketIoTestServer server;

	private final SocketRecorder sockets = new SocketRecorder();

	private final List<JavaTestClient> clients = new ArrayList<>();

	@BeforeEach
	void startServer() {
		this.server = this.servers.start(SocketIoTestServer.start());
		this.server.io().onConnection((socket) -> {
			TestHandlers.ackEcho(socket, "echo");
			TestHandlers.joinOnRequest(socket, "joined");
			this.sockets.record(socket);
		});
	}

	@AfterEach
	void stopServer() {
		this.clients.forEach(JavaTestClient::close);
	}

	private JavaTestClient client() {
		JavaTestClient client = JavaTestClient.create(this.server.url("/"));
		this.clients.add(client);
		return client;
	}

	/**
	 * A client on one transport only. Tests where the server closes the session avoid the
	 * upgrade from polling: a client whose upgrade is under way when the session closes
	 * never learns about it (the engine closes the probe while the client paused
	 * polling).
	 */
	private JavaTestClient client(String transport) {
		JavaTestClient client = JavaTestClient.create(this.server.url("/"),
				(options) -> options.setTransports(new String[] { transport }));
		this.clients.add(client);
		return client;
	}

	private SocketIoSocket nextConnection() {
		return this.sockets.nextConnection();
	}

	@Test
	void connectsWithAuthAndGetsTheServerSocketId() throws Exception {
		JavaTestClient client = JavaTestClient.create(this.server.url("/"),
				(options) -> options.setAuth(Map.of("token", "abc")).setQuery("room=blue"));
		this.clients.add(client);
		String clientId = client.connect();
		SocketIoSocket socket = nextConnection();
		assertThat(socket.id()).isEqualTo(clientId);
		assertThat(socket.handshake().auth().path("token").asString()).isEqualTo("abc");
		assertThat(socket.handshake().queryParam("room")).isEqualTo("blue");
		assertThat(socket.handshake().address()).isEqualTo("127.0.0.1");
		assertThat(socket.handshake().issued()).isPositive();
		assertThat(socket.rooms()).containsExactly(socket.id());
		assertThat(socket.conn().id()).isNotEqualTo(socket.id());
	}

	@Test
	void connectionShowsTheUpgradeFromPollingToWebSocket() throws Exception {
		client().connect();
		SocketIoConnection conn = nextConnection().conn();
		await().atMost(TIMEOUT).until(conn::upgraded);
		assertThat(conn.transport()).isEqualTo(EngineIoTransport.WEBSOCKET);
		assertThat(conn.isOpen()).isTrue();
		assertThat(conn.remoteAddress()).isNotNull();
		assertThat(conn.remoteAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
	}

	@Test
	void connectionOpenedOnWebSocketIsNotUpgraded() throws Exception {
		client("websocket").connect();
		SocketIoConnection conn = nextConnection().conn();
		assertThat(conn.transport()).isEqualTo(EngineIoTransport.WEBSOCKET);
		assertThat(conn.upgraded()).isFalse();
	}

	@Test
	void connectionOnPollingOnlyStaysOnPolling() throws Exception {
		JavaTestClient client = client("polling");
		client.connect();
		SocketIoConnection conn = nextConnection().conn();
		assertThat(client.emitAndAwaitAck("echo", "ping")[0]).isEqualTo("ping");
		assertThat(conn.transport()).isEqualTo(EngineIoTransport.POLLING);
		assertThat(conn.upgraded()).isFalse();
	}

	@Test
	void clientEventIsAcknowledgedWithTheServersReply() throws Exception {
		JavaTestClient client = client();
		client.connect();
		Object[] reply = client.emitAndAwaitAck("echo", 1, "two", new JSONObject(Map.of("three", 3)));
		assertThat(reply[0]).isEqualTo(1);
		assertThat(reply[1]).isEqualTo("two");
		assertThat(((JSONObject) reply[2]).getInt("three")).isEqualTo(3);
	}

	@Test
	void serverEmitWithAckResolvesWithTheClientsReply() throws Exception {
		JavaTestClient client = client().answer("question", (args) -> new Object[] { "answer", args[0] });
		client.connect();
		SocketIoSocket socket = nextConnection();
		StepVerifier.create(socket.emitWithAck("question", 42))
			.assertNext((reply) -> assertThat(reply.toString()).isEqualTo("[\"answer\",42]"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void serverEmitWithCallbackTimesOutWhenTheClientDoesNotAnswer() throws Exception {
		JavaTestClient client = client();
		client.connect();
		SocketIoSocket socket = nextConnection();
		CompletableFuture<Throwable> result = new CompletableFuture<>();
		socket.timeout(Duration.ofMillis(100))
			.emitWithCallback("unanswered", (error, args) -> result.complete(error), "please");
		Object[] received = client.next("unanswered");
		assertThat(received[0]).isEqualTo("please");
		assertThat(received[1]).isInstanceOf(Ack.class);
		assertThat(result.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(AckTimeoutException.class)
			.hasMessageStartingWith("operation has timed out");
		StepVerifier.create(socket.timeout(Duration.ofMillis(100)).emitWithAck("unanswered"))
			.expectError(AckTimeoutException.class)
			.verify(TIMEOUT);
	}

	@Test
	void binaryArgumentsTravelBothWays() throws Exception {
		JavaTestClient client = client();
		client.connect();
		SocketIoSocket socket = nextConnection();
		CompletableFuture<JsonNode> uploaded = new CompletableFuture<>();
		socket.on("upload", (args, ack) -> {
			uploaded.complete(args);
			ack.send("stored", args.get(1).path("file"));
		});
		JSONObject nested = new JSONObject().put("file", new byte[] { 4, 5 });
		Object[] reply = client.emitAndAwaitAck("upload", new byte[] { 1, 2, 3 }, nested);
		JsonNode args = uploaded.join();
		assertThat(args.get(0).binaryValue()).containsExactly(1, 2, 3);
		assertThat(args.get(1).path("file").binaryValue()).containsExactly(4, 5);
		assertThat(reply[0]).isEqualTo("stored");
		assertThat((byte[]) reply[1]).containsExactly(4, 5);

		socket.emit("download", new byte[] { 7, 8, 9 }, Map.of("deep", List.of(new byte[] { 10 })), "text");
		Object[] downloaded = client.next("download");
		assertThat((byte[]) downloaded[0]).containsExactly(7, 8, 9);
		byte[] deep = (byte[]) ((JSONObject) downloaded[1]).getJSONArray("deep").get(0);
		assertThat(deep).containsExactly(10);
		assertThat(downloaded[2]).isEqualTo("text");
	}

	@Test
	void binaryArgumentsTravelOverPolling() throws Exception {
		// Over polling the client sends its attachments as base64 in lines, ending in a
		// newline.
		JavaTestClient client = client("polling");
		client.connect();
		SocketIoSocket socket = nextConnection();
		socket.on("upload", (args, ack) -> ack.send("stored", args.get(0), args.get(1).path("file")));
		JSONObject nested = new JSONObject().put("file", new byte[] { 4, 5 });
		Object[] reply = client.emitAndAwaitAck("upload", new byte[] { 1, 2, 3 }, nested);
		assertThat(reply[0]).isEqualTo("stored");
		assertThat((byte[]) reply[1]).containsExactly(1, 2, 3);
		assertThat((byte[]) reply[2]).containsExactly(4, 5);
	}

	@Test
	void roomsAndBroadcastsReachTheRightClients() throws Exception {
		JavaTestClient a = client();
		JavaTestClient b = client();
		JavaTestClient c = client();
		JavaTestClient d = client();
		for (JavaTestClient client : List.of(a, b, c, d)) {
			client.connect();
		}
		for (JavaTestClient client : List.of(a, b, c)) {
			assertThat(client.emitAndAwaitAck("join", "red")).containsExactly("joined");
		}
		assertThat(d.emitAndAwaitAck("join", "blue")).containsExactly("joined");
		this.server.io().to("red").emit("news", "for red");
		for (JavaTestClient client : List.of(a, b, c)) {
			assertThat(client.next("news")).containsExactly("for red");
		}
		this.server.io().except("red").emit("news", "not for red");
		assertThat(d.next("news")).containsExactly("not for red");
		this.server.io().emit("news", "for everyone");
		for (JavaTestClient client : List.of(a, b, c, d)) {
			assertThat(client.next("news")).containsExactly("for everyone");
		}
		// Each client gets its events in order: none got more than the ones above.
		for (JavaTestClient client : List.of(a, b, c, d)) {
			assertThat(client.received("news")).isEmpty();
		}
	}

	@Test
	void middlewareRejectionReachesConnectErrorWithMessageAndData() throws Exception {
		this.server.io().of("/private").use((socket) -> {
			if ("secret".equals(socket.handshake().auth().path("token").asString())) {
				return Mono.empty();
			}
			return Mono.error(new ConnectRejectedException("not authorized", Map.of("code", 401, "retry", false)));
		});
		JavaTestClient refused = JavaTestClient.create(this.server.url("/private"),
				(options) -> options.setAuth(Map.of("token", "wrong")));
		this.clients.add(refused);
		JSONObject error = refused.connectRefused();
		assertThat(error.getString("message")).isEqualTo("not authorized");
		assertThat(error.getJSONObject("data").getInt("code")).isEqualTo(401);
		assertThat(error.getJSONObject("data").getBoolean("retry")).isFalse();
		assertThat(refused.socket().connected()).isFalse();

		JavaTestClient accepted = JavaTestClient.create(this.server.url("/private"),
				(options) -> options.setAuth(Map.of("token", "secret")));
		this.clients.add(accepted);
		assertThat(accepted.connect()).isNotEmpty();
	}

	@Test
	void reconnectsAfterTheServerClosesTheTransport() throws Exception {
		// Over polling: the Java client does not answer a WebSocket close frame (OkHttp
		// leaves
		// that to the application), so over WebSocket it only notices through its ping
		// timeout.
		JavaTestClient client = client("polling");
		String firstId = client.connect();
		nextConnection().conn().close();
		assertThat(client.nextDisconnectReason()).isEqualTo("transport close");
		client.next(Socket.EVENT_CONNECT);
		SocketIoSocket second = nextConnection();
		assertThat(second.id()).isEqualTo(client.socket().id()).isNotEqualTo(firstId);
		assertThat(client.emitAndAwaitAck("echo", "again")).containsExactly("again");
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.FORCED_CLOSE);
	}

	@Test
	void serverDisconnectIsSeenAsIoServerDisconnectWithoutReconnecting() throws Exception {
		JavaTestClient client = client();
		client.connect();
		SocketIoSocket socket = nextConnection();
		socket.disconnect();
		assertThat(client.nextDisconnectReason()).isEqualTo("io server disconnect");
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
		assertThat(socket.connected()).isFalse();
		assertThat(client.socket().connected()).isFalse();
		// A client that wants to come back must connect again by itself.
		client.connect();
		assertThat(nextConnection().id()).isNotEqualTo(socket.id());
	}

	@Test
	void serverDisconnectWithCloseEndsTheConnection() throws Exception {
		JavaTestClient client = client("websocket");
		client.connect();
		SocketIoSocket socket = nextConnection();
		socket.disconnect(true);
		assertThat(client.nextDisconnectReason()).isEqualTo("io server disconnect");
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
		await().atMost(TIMEOUT).until(() -> !socket.conn().isOpen());
	}

	@Test
	void clientDisconnectIsSeenAsIoClientDisconnectAndByTheServerAsClientNamespaceDisconnect() throws Exception {
		JavaTestClient client = client();
		client.connect();
		SocketIoSocket socket = nextConnection();
		client.socket().disconnect();
		assertThat(client.nextDisconnectReason()).isEqualTo("io client disconnect");
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
		assertThat(socket.connected()).isFalse();
		assertThat(this.server.io().sockets().sockets()).isEmpty();
	}

}
