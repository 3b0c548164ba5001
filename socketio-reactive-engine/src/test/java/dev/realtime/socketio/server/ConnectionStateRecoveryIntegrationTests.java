package dev.realtime.socketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.realtime.socketio.internal.ServerInternals;
import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.server.adapter.BroadcastOptions;
import dev.realtime.socketio.server.adapter.InMemoryAdapter;
import dev.realtime.socketio.server.adapter.SocketIoSession;
import dev.realtime.socketio.testsupport.RawWebSocketClient;
import dev.realtime.socketio.testsupport.SocketIoNodeDriver;
import dev.realtime.socketio.testsupport.SocketIoTestServer;
import dev.realtime.socketio.testsupport.SocketRecorder;
import dev.realtime.socketio.testsupport.TestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connection state recovery (docs/protocol.md 2.8) with the npm {@code socket.io-client}
 * and, for the wire format, a raw WebSocket: a client that lost its connection gets its
 * id, rooms, data and every missed event back.
 */
class ConnectionStateRecoveryIntegrationTests {

	private static final Duration TIMEOUT = SocketIoTestServer.TIMEOUT;

	private static final String OFFSET = "\"[^\"]+\"";

	@RegisterExtension
	final TestFixture<SocketIoTestServer> servers = TestFixture.manual();

	private SocketIoTestServer server;

	private SocketIoNodeDriver driver;

	private final SocketRecorder sockets = new SocketRecorder();

	private final List<AutoCloseable> clients = new ArrayList<>();

	@AfterEach
	void stop() throws Exception {
		if (this.driver != null) {
			this.driver.close();
		}
		for (AutoCloseable client : this.clients) {
			client.close();
		}
	}

	private SocketIoServer start(ConnectionStateRecoveryOptions recovery) {
		return start((options) -> options.connectionStateRecovery(recovery));
	}

	/** A server whose new sockets join {@code room} and get {@code data.name}. */
	private SocketIoServer start(Consumer<SocketIoServerOptions.Builder> customizer) {
		this.server = this.servers.start(SocketIoTestServer.start(customizer));
		this.server.io().onConnection((socket) -> {
			if (!socket.recovered()) {
				socket.join("room");
				socket.data().put("name", "ada");
			}
			this.sockets.record(socket);
		});
		return this.server.io();
	}

	private SocketIoNodeDriver driver() {
		this.driver = SocketIoNodeDriver.start();
		return this.driver;
	}

	/**
	 * An npm client that reconnects only when told to, so events are emitted while it is
	 * away.
	 */
	private JsonNode connectNpm(String id) {
		this.driver.connect(id, this.server.url("/"),
				Map.of("transports", List.of("websocket"), "reconnection", false));
		return this.driver.await(id, "connect");
	}

	private RawWebSocketClient raw() {
		RawWebSocketClient client = RawWebSocketClient.open(this.server);
		this.clients.add(client);
		return client;
	}

	private static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text);
	}

	// With the npm client

	@Test
	void clientBackAfterTransportDropGetsItsIdRoomsDataAndEveryMissedEventInOrderOnce() {
		SocketIoServer io = start(ConnectionStateRecoveryOptions.defaults());
		driver();
		JsonNode first = connectNpm("a");
		assertThat(first.path("recovered").asBoolean()).isFalse();
		assertThat(first.path("pid").isString()).isTrue();
		SocketIoSocket socket = this.sockets.nextConnection();
		io.to("room").emit("room-event", 0);
		assertThat(args(this.driver.awaitEvent("a", "room-event")).get(0).asInt()).isZero();

		this.driver.run("a", "closeEngine");
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.TRANSPORT_CLOSE);
		for (int i = 1; i <= 5; i++) {
			io.to("room").emit("room-event", i);
		}
		io.except("room").emit("room-event", -1);
		io.to("elsewhere").emit("room-event", -2);
		io.emit("all-event", "everyone");
		socket.emit("direct", "to the old socket");
		this.driver.run("a", "connectAgain");

		JsonNode again = this.driver.await("a", "connect");
		assertThat(again.path("recovered").asBoolean()).isTrue();
		assertThat(again.path("sid").asString()).isEqualTo(first.path("sid").asString());
		assertThat(again.path("pid").asString()).isEqualTo(first.path("pid").asString());
		SocketIoSocket restored = this.sockets.nextConnection();
		assertThat(restored.recovered()).isTrue();
		assertThat(restored.id()).isEqualTo(socket.id());
		assertThat(restored.rooms()).containsExactlyInAnyOrder(socket.id(), "room");
		assertThat(restored.data()).containsEntry("name", "ada");
		assertThat(restored.handshake().auth().path("pid").asString()).isEqualTo(first.path("pid").asString());

		io.to("room").emit("room-event", 6);
		this.driver.await(
				(line) -> "room-event".equals(line.path("event").asString()) && args(line).get(0).asInt() == 6,
				TIMEOUT);
		List<String> received = this.driver
			.received((line) -> "a".equals(line.path("id").asString()) && "event".equals(line.path("type").asString()))
			.stream()
			.map((line) -> line.path("event").asString() + ":" + args(line).get(0).asString())
			.toList();
		assertThat(received).containsExactly("room-event:0", "room-event:1", "room-event:2", "room-event:3",
				"room-event:4", "room-event:5", "all-event:everyone", "direct:to the old socket", "room-event:6");
		List<String> offsets = this.driver
			.received((line) -> "a".equals(line.path("id").asString()) && "event".equals(line.path("type").asString()))
			.stream()
			.map((line) -> args(line).get(args(line).size() - 1).asString())
			.toList();
		assertThat(offsets).doesNotHaveDuplicates();
	}

	@Test
	void clientBackAfterServerClosedItsTransportIsRecovered() {
		SocketIoServer io = start(ConnectionStateRecoveryOptions.defaults());
		driver();
		JsonNode first = connectNpm("a");
		SocketIoSocket socket = this.sockets.nextConnection();
		io.to("room").emit("room-event", 0);
		this.driver.awaitEvent("a", "room-event");
		socket.conn().close();
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.FORCED_CLOSE);
		this.driver.await("a", "disconnect");
		io.to("room").emit("room-event", 1);
		this.driver.run("a", "connectAgain");
		JsonNode again = this.driver.await("a", "connect");
		assertThat(again.path("recovered").asBoolean()).isTrue();
		assertThat(again.path("sid").asString()).isEqualTo(first.path("sid").asString());
		assertThat(args(this.driver.awaitEvent("a", "room-event")).get(0).asInt()).isOne();
	}

	@Test
	void clientBackAfterTheWindowGetsANewSession() {
		start(ConnectionStateRecoveryOptions.builder().maxDisconnectionDuration(Duration.ofMillis(300)).build());
		driver();
		JsonNode first = connectNpm("a");
		this.sockets.nextConnection();
		this.server.io().to("room").emit("room-event", 0);
		this.driver.awaitEvent("a", "room-event");
		this.driver.run("a", "closeEngine");
		this.sockets.nextDisconnectReason();
		await().pollDelay(Duration.ofMillis(400)).atMost(TIMEOUT).until(() -> true);
		this.driver.run("a", "connectAgain");
		JsonNode again = this.driver.await("a", "connect");
		assertThat(again.path("recovered").asBoolean()).isFalse();
		assertThat(again.path("sid").asString()).isNotEqualTo(first.path("sid").asString());
		assertThat(again.path("pid").asString()).isNotEqualTo(first.path("pid").asString());
		assertThat(this.sockets.nextConnection().recovered()).isFalse();
	}

	// On the wire

	@Test
	void connectAckCarriesPidAndEventsWithoutAckNotVolatileCarryAnOffsetAsLastArgument() {
		SocketIoServer io = start(ConnectionStateRecoveryOptions.defaults());
		RawWebSocketClient client = raw();
		JsonNode ack = json(client.connectNamespace("/").substring(1));
		assertThat(ack.propertyNames()).containsExactly("sid", "pid");
		SocketIoSocket socket = this.sockets.nextConnection();
		socket.asVolatile().emit("volatile", 1);
		socket.emitWithCallback("with-ack", (error, reply) -> {
		}, 2);
		socket.emit("direct", 3);
		io.to("room").emit("room", 4);
		io.emit("all", 5);
		io.asVolatile().emit("volatile-all", 6);
		socket.to("room").emit("from-socket", 7);
		assertThat(client.nextPacket()).isEqualTo("2[\"volatile\",1]");
		assertThat(client.nextPacket()).matches("2\\d+\\[\"with-ack\",2\\]");
		assertThat(client.nextPacket()).matches("2\\[\"direct\",3," + OFFSET + "\\]");
		assertThat(client.nextPacket()).matches("2\\[\"room\",4," + OFFSET + "\\]");
		assertThat(client.nextPacket()).matches("2\\[\"all\",5," + OFFSET + "\\]");
		assertThat(client.nextPacket()).isEqualTo("2[\"volatile-all\",6]");
	}

	@Test
	void missedEventsFollowTheConnectAckOnTheWire() {
		SocketIoServer io = start(ConnectionStateRecoveryOptions.defaults());
		RawWebSocketClient first = raw();
		JsonNode ack = json(first.connectNamespace("/").substring(1));
		this.sockets.nextConnection();
		io.to("room").emit("room-event", 0);
		JsonNode event = json(first.nextPacket().substring(1));
		String offset = event.get(2).asString();
		first.close();
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.TRANSPORT_CLOSE);
		io.to("room").emit("room-event", 1);
		io.to("room").emit("room-event", 2);

		RawWebSocketClient second = raw();
		second.sendPacket("0{\"pid\":\"" + ack.get("pid").asString() + "\",\"offset\":\"" + offset + "\"}");
		assertThat(json(second.nextPacket().substring(1))).isEqualTo(ack);
		assertThat(second.nextPacket()).matches("2\\[\"room-event\",1," + OFFSET + "\\]");
		assertThat(second.nextPacket()).matches("2\\[\"room-event\",2," + OFFSET + "\\]");
		assertThat(this.sockets.nextConnection().recovered()).isTrue();
	}

	@Test
	void unknownPidGetsANewSession() {
		start(ConnectionStateRecoveryOptions.defaults());
		RawWebSocketClient client = raw();
		client.sendPacket("0{\"pid\":\"unknown\",\"offset\":\"1\"}");
		JsonNode ack = json(client.nextPacket().substring(1));
		assertThat(ack.get("pid").asString()).isNotEqualTo("unknown");
		SocketIoSocket socket = this.sockets.nextConnection();
		assertThat(socket.recovered()).isFalse();
		assertThat(socket.id()).isEqualTo(ack.get("sid").asString());
		assertThat(socket.rooms()).contains("room");
	}

	@Test
	void sessionIsNotKeptAfterAClientNamespaceDisconnect() {
		SocketIoServer io = start(ConnectionStateRecoveryOptions.defaults());
		RawWebSocketClient client = raw();
		JsonNode ack = json(client.connectNamespace("/").substring(1));
		this.sockets.nextConnection();
		io.to("room").emit("room-event", 0);
		String offset = json(client.nextPacket().substring(1)).get(2).asString();
		client.sendPacket("1");
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
		client.sendPacket("0{\"pid\":\"" + ack.get("pid").asString() + "\",\"offset\":\"" + offset + "\"}");
		JsonNode again = json(client.nextPacket().substring(1));
		assertThat(again.get("sid").asString()).isNotEqualTo(ack.get("sid").asString());
		assertThat(this.sockets.nextConnection().recovered()).isFalse();
	}

	@Test
	void sessionIsNotKeptWithoutRecovery() {
		start((options) -> {
		});
		RawWebSocketClient client = raw();
		assertThat(json(client.connectNamespace("/").substring(1)).propertyNames()).containsExactly("sid");
		this.sockets.nextConnection();
		this.server.io().to("room").emit("room-event", 0);
		assertThat(client.nextPacket()).isEqualTo("2[\"room-event\",0]");
	}

	// Middlewares

	@Test
	void middlewaresAreSkippedOnRecoveryByDefault() {
		AtomicInteger runs = new AtomicInteger();
		SocketIoServer io = start(ConnectionStateRecoveryOptions.defaults());
		io.use((socket) -> {
			runs.incrementAndGet();
			return Mono.empty();
		});
		assertRecoveredWithRawClients(io);
		assertThat(runs).hasValue(1);
	}

	@Test
	void middlewaresRunOnRecoveryWhenNotSkippedAndSeeTheRestoredSocket() {
		List<Boolean> recovered = new CopyOnWriteArrayList<>();
		SocketIoServer io = start(ConnectionStateRecoveryOptions.builder().skipMiddlewares(false).build());
		io.use((socket) -> {
			recovered.add(socket.recovered());
			return Mono.empty();
		});
		assertRecoveredWithRawClients(io);
		assertThat(recovered).containsExactly(false, true);
	}

	@Test
	void sessionRefusedByAMiddlewareIsKeptForALaterAttempt() {
		AtomicInteger runs = new AtomicInteger();
		SocketIoServer io = start(ConnectionStateRecoveryOptions.builder().skipMiddlewares(false).build());
		io.use((socket) -> (runs.incrementAndGet() == 2) ? Mono.error(new ConnectRejectedException("not now"))
				: Mono.empty());
		DroppedSession dropped = dropAfterOneEvent(io);
		String restore = dropped.restore();
		RawWebSocketClient second = raw();
		second.sendPacket(restore);
		assertThat(second.nextPacket()).startsWith("4{\"message\":\"not now\"");
		second.sendPacket(restore);
		assertThat(json(second.nextPacket().substring(1))).isEqualTo(dropped.ack());
		assertThat(this.sockets.nextConnection().rooms()).contains("room");
	}

	@Test
	void eventsKeptBeforeTheRestoreAndDeliveredLaterGoOutOnce() throws Exception {
		// The window of a cluster: events are kept (so they are among the missed ones)
		// but
		// reach the restored socket only while its middlewares run (held back) or after
		// it
		// connected (a copy still on its way from another node).
		List<Runnable> lateDeliveries = new CopyOnWriteArrayList<>();
		Sinks.Empty<Void> middlewareDone = Sinks.empty();
		SocketIoServer io = start((options) -> options
			.connectionStateRecovery(ConnectionStateRecoveryOptions.builder().skipMiddlewares(false).build())
			.adapterFactory((context) -> new InMemoryAdapter(context) {
				@Override
				protected void deliverLocally(SocketIoPacket packet, BroadcastOptions options) {
					if ("late".equals(packet.data().get(0).asString())) {
						lateDeliveries.add(() -> super.deliverLocally(packet, options));
						return;
					}
					super.deliverLocally(packet, options);
				}
			}));
		io.use((socket) -> socket.recovered() ? middlewareDone.asMono() : Mono.empty());
		DroppedSession dropped = dropAfterOneEvent(io);
		io.to("room").emit("late", 1);
		io.to("room").emit("late", 2);
		assertThat(lateDeliveries).hasSize(2);

		RawWebSocketClient second = raw();
		second.sendPacket(dropped.restore());
		await().atMost(TIMEOUT).until(() -> ServerInternals.adapter(io.sockets()).sockets(Set.of("room")).size() == 1);
		lateDeliveries.get(0).run();
		middlewareDone.tryEmitEmpty();
		assertThat(json(second.nextPacket().substring(1))).isEqualTo(dropped.ack());
		assertThat(second.nextPacket()).startsWith("2[\"late\",1,");
		assertThat(second.nextPacket()).startsWith("2[\"late\",2,");
		assertThat(this.sockets.nextConnection().recovered()).isTrue();
		lateDeliveries.get(1).run();
		io.to("room").emit("room-event", 3);
		assertThat(second.nextPacket()).as("each late event only once").startsWith("2[\"room-event\",3,");
	}

	/**
	 * Connect a raw client, let it receive one room event, then drop its connection.
	 * @return its CONNECT acknowledgement and the CONNECT packet that restores its
	 * session
	 */
	private DroppedSession dropAfterOneEvent(SocketIoServer io) {
		RawWebSocketClient first = raw();
		JsonNode ack = json(first.connectNamespace("/").substring(1));
		this.sockets.nextConnection();
		io.to("room").emit("room-event", 0);
		String offset = json(first.nextPacket().substring(1)).get(2).asString();
		first.close();
		this.sockets.nextDisconnectReason();
		return new DroppedSession(ack,
				"0{\"pid\":\"" + ack.get("pid").asString() + "\",\"offset\":\"" + offset + "\"}");
	}

	private record DroppedSession(JsonNode ack, String restore) {
	}

	private void assertRecoveredWithRawClients(SocketIoServer io) {
		DroppedSession dropped = dropAfterOneEvent(io);
		io.to("room").emit("room-event", 1);
		RawWebSocketClient second = raw();
		second.sendPacket(dropped.restore());
		assertThat(json(second.nextPacket().substring(1))).isEqualTo(dropped.ack());
		assertThat(second.nextPacket()).matches("2\\[\"room-event\",1," + OFFSET + "\\]");
		assertThat(this.sockets.nextConnection().recovered()).isTrue();
	}

	// Graceful shutdown

	@Test
	void serverCloseDisconnectsWithServerShuttingDownAndKeepsTheSessions() {
		List<SocketIoSession> persisted = new CopyOnWriteArrayList<>();
		SocketIoServer io = start(
				(options) -> options.connectionStateRecovery(ConnectionStateRecoveryOptions.defaults())
					.adapterFactory((context) -> new InMemoryAdapter(context) {

						@Override
						public void persistSession(SocketIoSession session) {
							persisted.add(session);
							super.persistSession(session);
						}

					}));
		RawWebSocketClient client = raw();
		client.connectNamespace("/");
		SocketIoSocket socket = this.sockets.nextConnection();
		io.close().block(TIMEOUT);
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.SERVER_SHUTTING_DOWN);
		assertThat(persisted).singleElement().satisfies((session) -> {
			assertThat(session.sid()).isEqualTo(socket.id());
			assertThat(session.rooms()).containsExactlyInAnyOrder(socket.id(), "room");
			assertThat(session.data()).containsEntry("name", "ada");
		});
		client.awaitClosed();
	}

}
