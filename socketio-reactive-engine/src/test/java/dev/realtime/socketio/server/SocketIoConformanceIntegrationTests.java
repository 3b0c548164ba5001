package dev.realtime.socketio.server;

import java.util.List;
import java.util.Map;

import dev.realtime.socketio.testsupport.SocketIoNodeDriver;
import dev.realtime.socketio.testsupport.TestFixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.args;
import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.bin;
import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance contract, driven by the official npm {@code socket.io-client} over each
 * transport.
 */
class SocketIoConformanceIntegrationTests {

	@RegisterExtension
	static final TestFixture<ConformanceFixture> fixture = TestFixture.of(() -> ConformanceFixture.start(0));

	@RegisterExtension
	final TestFixture<SocketIoNodeDriver> driver = TestFixture.of(SocketIoNodeDriver::start);

	private String url(String namespace) {
		return "http://127.0.0.1:" + fixture.get().port() + namespace;
	}

	private JsonNode connect(String id, String namespace, String transport, Map<String, ?> auth) {
		this.driver.get().connect(id, url(namespace), Map.of("transports", List.of(transport), "auth", auth));
		return this.driver.get().await(id, "connect");
	}

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "polling" })
	void connectsToNamespacesAndReceivesTheAuthPayload(String transport) {
		connect("a", "/", transport, Map.of("token", "123"));
		assertThat(args(this.driver.get().awaitEvent("a", "auth")).get(0).path("token").asString()).isEqualTo("123");
		connect("b", "/custom", transport, Map.of());
		assertThat(args(this.driver.get().awaitEvent("b", "auth")).get(0).isEmpty()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "polling" })
	void refusesAnUnknownNamespace(String transport) {
		this.driver.get().connect("a", url("/random"), Map.of("transports", List.of(transport)));
		assertThat(this.driver.get().await("a", "connect_error").path("message").asString())
			.isEqualTo("Invalid namespace");
	}

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "polling" })
	void refusesARestrictedNamespaceWithMessageAndData(String transport) {
		this.driver.get()
			.connect("a", url("/restricted"),
					Map.of("transports", List.of(transport), "auth", Map.of("token", "wrong")));
		JsonNode error = this.driver.get().await("a", "connect_error");
		assertThat(error.path("message").asString()).isEqualTo("unauthorized");
		assertThat(error.path("data").path("reason").asString()).isEqualTo("bad token");
		connect("b", "/restricted", transport, Map.of("token", "let-me-in"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "polling" })
	void echoesTextAndNestedBinaryArguments(String transport) {
		connect("a", "/", transport, Map.of());
		this.driver.get()
			.emit("a", "message", 1, "2", Map.of("3", List.of(true)), bin(new byte[] { 1, 2, 3 }),
					Map.of("nested", List.of(bin(new byte[] { 4, 5 }))));
		JsonNode back = args(this.driver.get().awaitEvent("a", "message-back"));
		assertThat(back.get(0).asInt()).isEqualTo(1);
		assertThat(back.get(1).asString()).isEqualTo("2");
		assertThat(back.get(2).path("3").get(0).asBoolean()).isTrue();
		assertThat(bytes(back.get(3))).containsExactly(1, 2, 3);
		assertThat(bytes(back.get(4).path("nested").get(0))).containsExactly(4, 5);
	}

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "polling" })
	void acknowledgesClientEventsWithTheSameArguments(String transport) {
		connect("a", "/", transport, Map.of());
		this.driver.get().emitWithAck("a", "t1", "message-with-ack", 1, "2", bin(new byte[] { 9 }));
		JsonNode reply = args(this.driver.get().awaitAck("a", "t1"));
		assertThat(reply.get(0).asInt()).isEqualTo(1);
		assertThat(reply.get(1).asString()).isEqualTo("2");
		assertThat(bytes(reply.get(2))).containsExactly(9);
	}

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "polling" })
	void receivesTheClientsAcknowledgementOfAServerEvent(String transport) {
		connect("a", "/", transport, Map.of());
		this.driver.get().autoAck("a", "server-ack-request", "reply", 42);
		this.driver.get().emit("a", "request-server-ack", "x", 1);
		assertThat(args(this.driver.get().awaitEvent("a", "server-ack-request")).toString()).isEqualTo("[\"x\",1]");
		assertThat(args(this.driver.get().awaitEvent("a", "server-ack-result")).toString()).isEqualTo("[\"reply\",42]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "polling" })
	void timesOutAServerAckTheClientNeverSends(String transport) {
		connect("a", "/", transport, Map.of());
		this.driver.get().emit("a", "request-server-ack-timeout", 200);
		assertThat(this.driver.get().awaitEvent("a", "server-ack-request").path("ackRequested").asBoolean()).isTrue();
		assertThat(args(this.driver.get().awaitEvent("a", "server-ack-timeout-result")).get(0).asString())
			.isEqualTo("timeout");
	}

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "polling" })
	void deliversRoomMessagesAndBroadcastsToTheRightSockets(String transport) {
		for (String id : List.of("a", "b", "c")) {
			connect(id, "/", transport, Map.of());
		}
		for (String id : List.of("a", "b")) {
			this.driver.get().emitWithAck(id, "join-" + id, "join", "r1");
			assertThat(args(this.driver.get().awaitAck(id, "join-" + id)).get(0).asString()).isEqualTo("joined");
		}
		this.driver.get().emitWithAck("a", "to-room", "to-room", "r1", "hello", 1);
		this.driver.get().awaitAck("a", "to-room");
		assertThat(args(this.driver.get().awaitEvent("b", "room-message")).toString()).isEqualTo("[\"hello\",1]");

		this.driver.get().emitWithAck("a", "to-room-all", "to-room-all", "r1", "all");
		this.driver.get().awaitAck("a", "to-room-all");
		assertThat(args(this.driver.get().awaitEvent("a", "room-message")).toString()).isEqualTo("[\"all\"]");
		assertThat(args(this.driver.get().awaitEvent("b", "room-message")).toString()).isEqualTo("[\"all\"]");

		this.driver.get().emitWithAck("c", "bc", "broadcast", "news");
		this.driver.get().awaitAck("c", "bc");
		assertThat(args(this.driver.get().awaitEvent("a", "broadcast-message")).toString()).isEqualTo("[\"news\"]");
		assertThat(args(this.driver.get().awaitEvent("b", "broadcast-message")).toString()).isEqualTo("[\"news\"]");

		this.driver.get().emitWithAck("b", "leave", "leave", "r1");
		assertThat(args(this.driver.get().awaitAck("b", "leave")).get(0).asString()).isEqualTo("left");
		this.driver.get().emitWithAck("c", "to-room-2", "to-room-all", "r1", "second");
		this.driver.get().awaitAck("c", "to-room-2");
		assertThat(args(this.driver.get().awaitEvent("a", "room-message")).toString()).isEqualTo("[\"second\"]");
		// The markers prove what c and b received before them: no room message to c (not
		// a
		// member) nor to b (left), and no broadcast echo to c (the sender).
		this.driver.get().emitWithAck("a", "marker", "broadcast", "marker");
		this.driver.get().awaitAck("a", "marker");
		this.driver.get().awaitEvent("b", "broadcast-message");
		this.driver.get().awaitEvent("c", "broadcast-message");
		assertThat(this.driver.get()
			.received((line) -> "c".equals(line.path("id").asString())
					&& "room-message".equals(line.path("event").asString())))
			.isEmpty();
		assertThat(this.driver.get()
			.received((line) -> "b".equals(line.path("id").asString())
					&& "room-message".equals(line.path("event").asString())))
			.hasSize(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "polling" })
	void sendsVolatileEventsThenTheRegularOne(String transport) {
		connect("a", "/", transport, Map.of());
		this.driver.get().emit("a", "volatile-burst", 5);
		assertThat(args(this.driver.get().awaitEvent("a", "volatile-done")).get(0).asInt()).isEqualTo(5);
		List<JsonNode> volatiles = this.driver.get()
			.received((line) -> "volatile-message".equals(line.path("event").asString()));
		assertThat(volatiles.size()).isLessThanOrEqualTo(5);
		for (int i = 0; i < volatiles.size(); i++) {
			assertThat(args(volatiles.get(i)).get(0).asInt()).isEqualTo(i);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "polling" })
	void serverDisconnectEndsTheNamespaceWithoutReconnecting(String transport) {
		connect("a", "/", transport, Map.of());
		connect("b", "/custom", transport, Map.of());
		this.driver.get().emit("a", "server-disconnect");
		assertThat(this.driver.get().await("a", "disconnect").path("reason").asString())
			.isEqualTo("io server disconnect");
		// The connection stays up for the other namespace.
		this.driver.get().emitWithAck("b", "still", "message-with-ack", "alive");
		assertThat(args(this.driver.get().awaitAck("b", "still")).get(0).asString()).isEqualTo("alive");
	}

	@ParameterizedTest
	@ValueSource(strings = { "websocket", "polling" })
	void closingTheTransportMakesTheClientReconnect(String transport) {
		String firstId = connect("a", "/", transport, Map.of()).path("sid").asString();
		this.driver.get().emit("a", "server-close-transport");
		assertThat(this.driver.get().await("a", "disconnect").path("reason").asString()).isEqualTo("transport close");
		JsonNode reconnected = this.driver.get().await("a", "connect");
		assertThat(reconnected.path("sid").asString()).isNotEqualTo(firstId).isNotEmpty();
	}

}
