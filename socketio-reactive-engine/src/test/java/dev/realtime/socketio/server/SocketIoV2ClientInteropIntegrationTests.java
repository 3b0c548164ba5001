package dev.realtime.socketio.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.realtime.socketio.engine.EngineIoOptions;
import dev.realtime.socketio.engine.EngineIoProtocol;
import dev.realtime.socketio.testsupport.SocketIoNodeDriver;
import dev.realtime.socketio.testsupport.SocketIoTestServer;
import dev.realtime.socketio.testsupport.TestHandlers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.args;
import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.bin;
import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The npm {@code socket.io-client} 2.5.0 (Engine.IO v3, the Socket.IO v4 protocol)
 * against a server with {@link EngineIoOptions#allowEio3()}: connection to the main
 * namespace without a CONNECT packet, a custom namespace with its query as auth, acks and
 * binary both ways, reconnection after the server closed the transport; over polling
 * only, WebSocket only, and polling upgraded to WebSocket. A socket.io-client 4.8.4
 * shares a room with it on the same server.
 */
class SocketIoV2ClientInteropIntegrationTests {

	private static final String V2_DRIVER = "node/sio-v2-driver.js";

	private @Nullable SocketIoTestServer server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	private SocketIoTestServer start(boolean allowEio3) {
		SocketIoTestServer server = SocketIoTestServer.start((options) -> options
			.engine(EngineIoOptions.builder().path("/socket.io/").allowEio3(allowEio3).build()));
		this.server = server;
		SocketIoServer io = server.io();
		io.onConnection((socket) -> {
			TestHandlers.ackEcho(socket, "echo");
			TestHandlers.joinOnRequest(socket, socket.id());
			socket.on("relay",
					(args, ack) -> socket.to(args.get(0).asString()).emit("relayed", args.get(1), args.get(2)));
			socket.on("ask", (args, ack) -> socket.emitWithAck("question", "q?", new byte[] { 7, 8 })
				.subscribe((reply) -> socket.emit("answered", reply)));
		});
		Namespace admin = io.of("/admin");
		admin.use((socket) -> "s3cret".equals(socket.handshake().auth().path("token").asString()) ? Mono.empty()
				: Mono.error(new ConnectRejectedException("unauthorized")));
		admin.onConnection((socket) -> socket.emit("hello", socket.handshake().auth().path("token").asString(),
				socket.conn().transport().wireName()));
		return server;
	}

	@ParameterizedTest
	@ValueSource(strings = { "polling", "websocket", "default" })
	void connectsEmitsWithAcksAndBinaryAndReconnects(String transports) {
		SocketIoTestServer server = start(true);
		Map<String, Object> opts = "default".equals(transports) ? Map.of() : Map.of("transports", List.of(transports));
		try (SocketIoNodeDriver v2 = SocketIoNodeDriver.start(V2_DRIVER)) {
			v2.connect("a", server.url("/"), opts);
			JsonNode connected = v2.await("a", "connect");
			String engineId = connected.get("engineId").asString();
			// Socket.IO v4 protocol: the main namespace's socket id is the Engine.IO id.
			assertThat(connected.get("sid").asString()).isEqualTo(engineId);
			SocketIoSocket serverSocket = server.io().sockets().sockets().get(engineId);
			assertThat(serverSocket).isNotNull();
			assertThat(((DefaultSocketIoSocket) serverSocket).engineSocket().protocol()).isEqualTo(EngineIoProtocol.V3);
			if ("default".equals(transports)) {
				assertThat(v2.await("a", "upgrade").get("transport").asString()).isEqualTo("websocket");
			}
			else {
				assertThat(connected.get("transport").asString()).isEqualTo(transports);
			}

			v2.emitWithAck("a", "text", "echo", "héllo €", Map.of("n", 1));
			assertThat(args(v2.awaitAck("a", "text")).toString()).isEqualTo("[\"héllo €\",{\"n\":1}]");
			v2.emitWithAck("a", "binary", "echo", bin(new byte[] { 1, 2, 3 }), "tail");
			JsonNode binaryAck = args(v2.awaitAck("a", "binary"));
			assertThat(bytes(binaryAck.get(0))).containsExactly(1, 2, 3);
			assertThat(binaryAck.get(1).asString()).isEqualTo("tail");

			v2.autoAck("a", "question", "answer", bin(new byte[] { 5, 6 }));
			v2.emit("a", "ask");
			JsonNode question = v2.awaitEvent("a", "question");
			assertThat(question.get("ackRequested").asBoolean()).isTrue();
			assertThat(args(question).get(0).asString()).isEqualTo("q?");
			assertThat(bytes(args(question).get(1))).containsExactly(7, 8);
			JsonNode answered = args(v2.awaitEvent("a", "answered")).get(0);
			assertThat(answered.get(0).asString()).isEqualTo("answer");
			assertThat(bytes(answered.get(1))).containsExactly(5, 6);

			v2.connect("admin", server.url("/admin"), withQuery(opts, "token=s3cret"));
			JsonNode adminConnected = v2.await("admin", "connect");
			assertThat(adminConnected.get("sid").asString())
				.isEqualTo("/admin#" + adminConnected.get("engineId").asString());
			JsonNode hello = v2.awaitEvent("admin", "hello");
			assertThat(args(hello).get(0).asString()).isEqualTo("s3cret");
			v2.connect("intruder", server.url("/admin"), withQuery(opts, "token=guess"));
			// Socket.IO v4 protocol: the refusal is an ERROR packet with the message as a
			// string.
			assertThat(v2.await("intruder", "sio-error").get("data").asString()).isEqualTo("unauthorized");

			serverSocket.conn().close();
			assertThat(v2.await("a", "disconnect").get("reason").asString()).isEqualTo("transport close");
			v2.await("a", "reconnect");
			JsonNode again = v2.await("a", "connect");
			assertThat(again.get("sid").asString()).isNotEqualTo(engineId).isEqualTo(again.get("engineId").asString());
			v2.emitWithAck("a", "after", "echo", "back");
			assertThat(args(v2.awaitAck("a", "after")).toString()).isEqualTo("[\"back\"]");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "polling", "websocket" })
	void v2AndV4ClientsShareARoom(String transport) {
		SocketIoTestServer server = start(true);
		Map<String, Object> opts = Map.of("transports", List.of(transport));
		try (SocketIoNodeDriver v2 = SocketIoNodeDriver.start(V2_DRIVER);
				SocketIoNodeDriver v4 = SocketIoNodeDriver.start()) {
			v2.connect("old", server.url("/"), opts);
			v4.connect("new", server.url("/"), opts);
			v2.await("old", "connect");
			v4.await("new", "connect");
			v2.emitWithAck("old", "joined", "join", "room");
			v4.emitWithAck("new", "joined", "join", "room");
			v2.awaitAck("old", "joined");
			v4.awaitAck("new", "joined");
			await().until(() -> server.io()
				.sockets()
				.sockets()
				.values()
				.stream()
				.filter((socket) -> socket.rooms().contains("room"))
				.count() == 2);

			v2.emit("old", "relay", "room", "from v2", bin(new byte[] { 2 }));
			JsonNode atV4 = args(v4.awaitEvent("new", "relayed"));
			assertThat(atV4.get(0).asString()).isEqualTo("from v2");
			assertThat(bytes(atV4.get(1))).containsExactly(2);

			v4.emit("new", "relay", "room", "from v4", bin(new byte[] { 4 }));
			JsonNode atV2 = args(v2.awaitEvent("old", "relayed"));
			assertThat(atV2.get(0).asString()).isEqualTo("from v4");
			assertThat(bytes(atV2.get(1))).containsExactly(4);

			// One broadcast, encoded once, to both protocols.
			server.io().to("room").emit("news", "for all", new byte[] { 9, 9 });
			assertThat(bytes(args(v2.awaitEvent("old", "news")).get(1))).containsExactly(9, 9);
			assertThat(bytes(args(v4.awaitEvent("new", "news")).get(1))).containsExactly(9, 9);
		}
	}

	@Test
	void eio3HandshakeIsRefusedWhenNotAllowed() throws Exception {
		SocketIoTestServer server = start(false);
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(server.url("/socket.io/?EIO=3&transport=polling"))).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"code\":5,\"message\":\"Unsupported protocol version\"}");
		try (SocketIoNodeDriver v2 = SocketIoNodeDriver.start(V2_DRIVER)) {
			v2.connect("a", server.url("/"), Map.of("transports", List.of("polling"), "reconnection", false));
			assertThat(v2.await("a", "connect_error").get("message").asString()).isNotEmpty();
		}
		assertThat(server.io().sockets().sockets()).isEmpty();
	}

	private static Map<String, Object> withQuery(Map<String, Object> opts, String query) {
		Map<String, Object> withQuery = new java.util.HashMap<>(opts);
		withQuery.put("query", query);
		return withQuery;
	}

}
