package dev.realtime.socketio.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the client does against a real server, run once against the Node reference server
 * and once against ours, for each way of connecting ({@link Mode}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClientConformanceTests {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private TestServer server;

	private TestServer recoveryServer;

	private final List<SocketIoClient> clients = new ArrayList<>();

	/**
	 * Start a server; with {@code recovery}, with connection state recovery on.
	 */
	abstract TestServer startServer(boolean recovery);

	@BeforeAll
	void startServers() {
		this.server = startServer(false);
		this.recoveryServer = startServer(true);
	}

	@AfterAll
	void stopServers() {
		this.server.close();
		this.recoveryServer.close();
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach((client) -> client.close().block(TIMEOUT));
		this.clients.clear();
	}

	SocketIoClient client(Mode mode) {
		return client(this.server, mode, (builder) -> {
		});
	}

	SocketIoClient client(TestServer target, Mode mode, Consumer<SocketIoClient.Builder> customizer) {
		SocketIoClient.Builder builder = SocketIoClient.builder()
			.uri(target.uri())
			.transports(mode.transports)
			.reconnection(Reconnection.builder().delay(Duration.ofMillis(50)).maxDelay(Duration.ofMillis(200)).build());
		customizer.accept(builder);
		SocketIoClient client = builder.build();
		this.clients.add(client);
		return client;
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void connectsWithAuthAndReceivesTheEventsSentOnConnection(Mode mode) {
		SocketIoClient client = client(this.server, mode, (builder) -> builder.auth(Map.of("token", "abc")));
		StepVerifier.create(client.connect().flatMapMany((socket) -> socket.on("auth", Map.class)))
			.assertNext((auth) -> assertThat(auth).containsEntry("token", "abc"))
			.thenCancel()
			.verify(TIMEOUT);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void sendsItsQueryParametersAndHeaders(Mode mode) {
		SocketIoClient client = client(this.server, mode,
				(builder) -> builder.query("room", "r 1&2").header("X-Test", "yes"));
		ClientSocket socket = client.connect().block(TIMEOUT);
		StepVerifier.create(socket.emitWithAck(TIMEOUT, Map.class, "handshake"))
			.assertNext((seen) -> assertThat(seen).containsEntry("query", "r 1&2").containsEntry("header", "yes"))
			.verifyComplete();
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void usesTheTransportsItWasGiven(Mode mode) {
		SocketIoClient client = client(mode);
		ClientSocket socket = client.connect().block(TIMEOUT);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.transport()).isEqualTo(mode.finalTransport));
		StepVerifier.create(socket.emitWithAck(TIMEOUT, String.class, "transport"))
			.expectNext(mode.finalTransport.id())
			.verifyComplete();
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void emitsAndReceivesEventsWithTheirArguments(Mode mode) {
		ClientSocket socket = client(mode).connect().block(TIMEOUT);
		StepVerifier.create(socket.on("message-back").map(ClientEvent::args))
			.then(() -> socket.emit("message", 1, "2", Map.of("3", List.of(true))))
			.assertNext(
					(args) -> assertThat(args).map(JsonNode::toString).containsExactly("1", "\"2\"", "{\"3\":[true]}"))
			.thenCancel()
			.verify(TIMEOUT);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void receivesTheAckOfAnEvent(Mode mode) {
		ClientSocket socket = client(mode).connect().block(TIMEOUT);
		StepVerifier.create(socket.emitWithAck(TIMEOUT, "message-with-ack", "hello", 42))
			.assertNext((args) -> assertThat(args).map(JsonNode::toString).containsExactly("\"hello\"", "42"))
			.verifyComplete();
		StepVerifier.create(socket.emitWithAck(TIMEOUT, Greeting.class, "message-with-ack", new Greeting("hi", 3)))
			.expectNext(new Greeting("hi", 3))
			.verifyComplete();
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void answersTheServersAckRequestsWithTheHandlersReturnValue(Mode mode) {
		ClientSocket socket = client(mode).connect().block(TIMEOUT);
		socket.onRequest("shout", (event) -> event.arg(0, String.class).toUpperCase());
		socket.onRequest("shout-later", (event) -> reactor.core.publisher.Mono.just(event.arg(0, String.class) + "!"));
		StepVerifier.create(socket.on("answer").map((event) -> event.args().get(0).toString()))
			.then(() -> socket.emit("ask", "shout", "hello"))
			.expectNext("[\"HELLO\"]")
			.then(() -> socket.emit("ask", "shout-later", "hey"))
			.expectNext("[\"hey!\"]")
			.thenCancel()
			.verify(TIMEOUT);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void sendsAndReceivesBinaryArguments(Mode mode) {
		ClientSocket socket = client(mode).connect().block(TIMEOUT);
		byte[] first = { 1, 2, 3, 4 };
		byte[] nested = { (byte) 0xff, 0, 7 };
		StepVerifier.create(socket.on("message-back"))
			.then(() -> socket.emit("message", first, Map.of("data", nested, "n", 1)))
			.assertNext((event) -> {
				assertThat(event.arg(0, byte[].class)).containsExactly(first);
				assertThat(event.args().get(1).get("data").binaryValue()).containsExactly(nested);
				assertThat(event.args().get(1).get("n").asInt()).isEqualTo(1);
			})
			.thenCancel()
			.verify(TIMEOUT);
		StepVerifier.create(socket.emitWithAck(TIMEOUT, byte[].class, "message-with-ack", (Object) first))
			.assertNext((reply) -> assertThat(reply).containsExactly(first))
			.verifyComplete();
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void multiplexesNamespacesOnOneConnection(Mode mode) {
		SocketIoClient client = client(this.server, mode, (builder) -> builder.auth(Map.of("who", "main")));
		ClientSocket main = client.connect().block(TIMEOUT);
		StepVerifier
			.create(client.connect("/custom", Map.of("who", "custom"))
				.flatMapMany((socket) -> socket.on("auth", Map.class)))
			.assertNext((auth) -> assertThat(auth).containsEntry("who", "custom"))
			.thenCancel()
			.verify(TIMEOUT);
		ClientSocket custom = client.connect("/custom").block(TIMEOUT);
		assertThat(custom.namespace()).isEqualTo("/custom");
		assertThat(custom.id()).isNotEqualTo(main.id());
		String engineId = main.emitWithAck(TIMEOUT, String.class, "engine-id").block(TIMEOUT);
		assertThat(custom.emitWithAck(TIMEOUT, String.class, "engine-id").block(TIMEOUT)).isEqualTo(engineId);
		custom.disconnect().block(TIMEOUT);
		assertThat(custom.connected()).isFalse();
		StepVerifier.create(main.emitWithAck(TIMEOUT, String.class, "message-with-ack", "still here"))
			.expectNext("still here")
			.verifyComplete();
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void reportsARefusalWithTheServersMessageAndData(Mode mode) {
		SocketIoClient client = client(mode);
		StepVerifier.create(client.connect("/refuse")).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(SocketIoConnectException.class).hasMessage("Not allowed");
			SocketIoConnectException refusal = (SocketIoConnectException) ex;
			assertThat(refusal.isRefused()).isTrue();
			assertThat(refusal.namespace()).isEqualTo("/refuse");
			assertThat(refusal.data(Map.class)).containsEntry("code", "E42");
		}).verify(TIMEOUT);
		StepVerifier.create(client.connect("/nowhere"))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOf(SocketIoConnectException.class).hasMessage("Invalid namespace"))
			.verify(TIMEOUT);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void aSocketDisconnectedByTheServerIsNotReconnected(Mode mode) {
		ClientSocket socket = client(mode).connect().block(TIMEOUT);
		StepVerifier.create(socket.connectionEvents())
			.then(() -> socket.emit("kick"))
			.expectNext(new ConnectionEvent.Disconnected(ConnectionEvent.SERVER_DISCONNECT, false))
			.verifyComplete();
		assertThat(socket.connected()).isFalse();
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void reconnectsAfterTheConnectionDropped(Mode mode) {
		ClientSocket socket = client(mode).connect().block(TIMEOUT);
		String firstId = socket.id();
		StepVerifier.create(socket.connectionEvents())
			.then(() -> socket.emit("drop", "nobody"))
			.expectNext(new ConnectionEvent.Disconnected(ConnectionEvent.TRANSPORT_CLOSE, true))
			.assertNext((event) -> {
				assertThat(event).isInstanceOf(ConnectionEvent.Connected.class);
				assertThat(((ConnectionEvent.Connected) event).recovered()).isFalse();
			})
			.thenCancel()
			.verify(TIMEOUT);
		assertThat(socket.id()).isNotEqualTo(firstId);
		StepVerifier.create(socket.emitWithAck(TIMEOUT, String.class, "message-with-ack", "back"))
			.expectNext("back")
			.verifyComplete();
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void recoversItsSessionAndTheMissedEvents(Mode mode) {
		ClientSocket socket = client(this.recoveryServer, mode, (builder) -> {
		}).connect().block(TIMEOUT);
		String firstId = socket.id();
		assertThat(socket.emitWithAck(TIMEOUT, String.class, "join", "room-1").block(TIMEOUT)).isEqualTo("joined");
		Flux<String> news = socket.on("news", String.class);
		StepVerifier.create(news)
			.then(() -> socket.emit("to-room", "room-1", "before"))
			.expectNext("before")
			.then(() -> socket.emit("drop", "room-1"))
			.expectNext("while-away")
			.thenCancel()
			.verify(TIMEOUT);
		assertThat(socket.recovered()).isTrue();
		assertThat(socket.id()).isEqualTo(firstId);
		StepVerifier.create(news)
			.then(() -> socket.emit("to-room", "room-1", "after"))
			.expectNext("after")
			.thenCancel()
			.verify(TIMEOUT);
	}

	@ParameterizedTest
	@EnumSource(Mode.class)
	void tellsTheServerWhenItLeaves(Mode mode) {
		SocketIoClient client = client(mode);
		ClientSocket socket = client.connect().block(TIMEOUT);
		String id = socket.id();
		socket.emit("message", "queued before leaving");
		client.close().block(TIMEOUT);
		assertThat(this.server.awaitDisconnectReason(id)).isEqualTo("client namespace disconnect");
	}

	@Test
	void failsAnAckThatDoesNotComeInTime() {
		ClientSocket socket = client(Mode.WEBSOCKET).connect().block(TIMEOUT);
		StepVerifier.create(socket.emitWithAck(Duration.ofMillis(200), "nobody-acks-this"))
			.expectError(AckTimeoutException.class)
			.verify(TIMEOUT);
	}

	@Test
	void refusesReservedEventNames() {
		ClientSocket socket = client(Mode.WEBSOCKET).connect().block(TIMEOUT);
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> socket.emit("disconnect"))
			.withMessageContaining("reserved");
	}

	@Test
	void failsToConnectWhenNoServerListens() {
		SocketIoClient client = client(new TestServer() {

			@Override
			public String uri() {
				return "http://127.0.0.1:1";
			}

			@Override
			public String awaitDisconnectReason(String socketId) {
				throw new UnsupportedOperationException();
			}

			@Override
			public void close() {
			}

		}, Mode.POLLING, (builder) -> {
		});
		StepVerifier.create(client.connect())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(SocketIoConnectException.class)
				.hasMessageStartingWith("Could not connect to http://127.0.0.1:1")
				.satisfies((error) -> assertThat(((SocketIoConnectException) error).isRefused()).isFalse()))
			.verify(TIMEOUT);
	}

	record Greeting(String text, int count) {
	}

	enum Mode {

		POLLING(Transport.POLLING, new Transport[] { Transport.POLLING }),

		WEBSOCKET(Transport.WEBSOCKET, new Transport[] { Transport.WEBSOCKET }),

		UPGRADE(Transport.WEBSOCKET, new Transport[] { Transport.POLLING, Transport.WEBSOCKET });

		final Transport finalTransport;

		final Transport[] transports;

		Mode(Transport finalTransport, Transport[] transports) {
			this.finalTransport = finalTransport;
			this.transports = transports;
		}

	}

}
