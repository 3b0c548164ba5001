package dev.realtime.socketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.realtime.socketio.internal.ServerInternals;
import dev.realtime.socketio.server.adapter.BroadcastOptions;
import dev.realtime.socketio.testsupport.RawWebSocketClient;
import dev.realtime.socketio.testsupport.SocketIoTestServer;
import dev.realtime.socketio.testsupport.SocketRecorder;
import dev.realtime.socketio.testsupport.TestFixture;
import io.socket.client.Manager;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.POJONode;

import static dev.realtime.socketio.testsupport.TestQueues.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The server API (namespaces, middlewares, listeners, disconnect reasons, broadcast
 * operators, adapter operations, threading) with real clients: the Java
 * {@code socket.io-client} and a raw WebSocket for what official clients never send.
 */
class SocketIoServerApiIntegrationTests {

	private static final Duration TIMEOUT = SocketIoTestServer.TIMEOUT;

	@RegisterExtension
	final TestFixture<SocketIoTestServer> servers = TestFixture.manual();

	private SocketIoTestServer server;

	private final SocketRecorder sockets = new SocketRecorder();

	private final List<AutoCloseable> clients = new ArrayList<>();

	@AfterEach
	void stop() throws Exception {
		for (AutoCloseable client : this.clients) {
			client.close();
		}
	}

	private SocketIoServer start() {
		return start((options) -> {
		});
	}

	private SocketIoServer start(Consumer<SocketIoServerOptions.Builder> customizer) {
		this.server = this.servers.start(SocketIoTestServer.start(customizer));
		this.sockets.record(this.server.io().sockets());
		return this.server.io();
	}

	private JavaTestClient client(String namespace) {
		return client(namespace, Map.of());
	}

	private JavaTestClient client(String namespace, Map<String, String> auth) {
		JavaTestClient client = JavaTestClient.create(this.server.url(namespace),
				(options) -> options.setTransports(new String[] { "websocket" }).setAuth(auth));
		this.clients.add(client);
		return client;
	}

	private RawWebSocketClient raw() {
		RawWebSocketClient client = RawWebSocketClient.open(this.server);
		this.clients.add(client);
		return client;
	}

	private RawWebSocketClient rawConnected(String namespace) {
		RawWebSocketClient client = raw();
		client.connectNamespace(namespace);
		return client;
	}

	private SocketIoSocket nextConnection() {
		return this.sockets.nextConnection();
	}

	// Dynamic namespaces

	@Test
	void regexParentCreatesChildNamespacesWithItsMiddlewaresAndListeners() throws Exception {
		SocketIoServer io = start();
		List<String> created = new CopyOnWriteArrayList<>();
		ParentNamespace parent = io.of(Pattern.compile("^/dyn-\\d+$"));
		parent.onNewNamespace((namespace) -> created.add(namespace.name()));
		parent.use((socket) -> {
			socket.data().put("checkedBy", "parent");
			return Mono.empty();
		});
		parent.onConnection(this.sockets::record);

		client("/dyn-1").connect();
		SocketIoSocket socket = nextConnection();
		assertThat(socket.namespace().name()).isEqualTo("/dyn-1");
		assertThat(socket.data()).containsEntry("checkedBy", "parent");
		client("/dyn-1").connect();
		assertThat(nextConnection().namespace()).isSameAs(socket.namespace());
		client("/dyn-22").connect();
		assertThat(nextConnection().namespace().name()).isEqualTo("/dyn-22");

		assertThat(created).containsExactly("/dyn-1", "/dyn-22");
		assertThat(parent.children()).extracting(Namespace::name).containsExactlyInAnyOrder("/dyn-1", "/dyn-22");
		assertThat(io.namespaces()).extracting(Namespace::name).contains("/", "/dyn-1", "/dyn-22");
		assertThat(client("/dyn-x").connectRefused().getString("message")).isEqualTo("Invalid namespace");
		assertThat(created).hasSize(2);
	}

	@Test
	void predicateParentDecidesWithTheAuthPayload() throws Exception {
		SocketIoServer io = start();
		ParentNamespace parent = io.of((name, auth) -> name.startsWith("/tenant-")
				&& name.equals("/tenant-" + auth.path("tenant").asString()));
		parent.onConnection(this.sockets::record);
		client("/tenant-acme", Map.of("tenant", "acme")).connect();
		assertThat(nextConnection().namespace().name()).isEqualTo("/tenant-acme");
		assertThat(client("/tenant-other", Map.of("tenant", "acme")).connectRefused().getString("message"))
			.isEqualTo("Invalid namespace");
		// As in the reference server, the predicate decides when a child is created;
		// later
		// clients join the existing child.
		client("/tenant-acme").connect();
		assertThat(nextConnection().namespace().name()).isEqualTo("/tenant-acme");
		assertThat(parent.children()).extracting(Namespace::name).containsExactly("/tenant-acme");
	}

	@Test
	void emptyChildNamespaceIsRemovedWhenCleanupIsEnabled() throws Exception {
		SocketIoServer io = start((options) -> options.cleanupEmptyChildNamespaces(true));
		List<Namespace> created = new CopyOnWriteArrayList<>();
		ParentNamespace parent = io.of(Pattern.compile("^/room-\\w+$"));
		parent.onNewNamespace(created::add);
		parent.onConnection(this.sockets::record);
		JavaTestClient first = client("/room-a");
		first.connect();
		JavaTestClient second = client("/room-a");
		second.connect();
		first.socket().disconnect();
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
		assertThat(parent.children()).hasSize(1);
		second.socket().disconnect();
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
		await().atMost(TIMEOUT).until(() -> parent.children().isEmpty());
		assertThat(io.namespaces()).extracting(Namespace::name).doesNotContain("/room-a");

		client("/room-a").connect();
		assertThat(created).hasSize(2);
		assertThat(created.get(1)).isNotSameAs(created.get(0));
		assertThat(parent.children()).containsExactly(created.get(1));
	}

	@Test
	void emptyChildNamespaceIsKeptByDefault() throws Exception {
		SocketIoServer io = start();
		ParentNamespace parent = io.of(Pattern.compile("^/room-\\w+$"));
		parent.onConnection(this.sockets::record);
		JavaTestClient client = client("/room-a");
		client.connect();
		client.socket().disconnect();
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
		assertThat(parent.children()).extracting(Namespace::name).containsExactly("/room-a");
	}

	// Middlewares

	@Test
	void connectMiddlewaresRunServerWideFirstThenInOrderEvenWhenAsync() throws Exception {
		SocketIoServer io = start();
		List<String> calls = new CopyOnWriteArrayList<>();
		io.use((socket) -> {
			calls.add("server:" + socket.namespace().name());
			return Mono.empty();
		});
		Namespace chat = io.of("/chat");
		chat.use((socket) -> Mono.delay(Duration.ofMillis(50)).doOnNext((tick) -> calls.add("async")).then());
		chat.use((socket) -> {
			calls.add("sync");
			socket.data().put("user", socket.handshake().auth().path("user").asString());
			return Mono.empty();
		});
		chat.onConnection((socket) -> {
			calls.add("connection");
			this.sockets.record(socket);
		});
		client("/chat", Map.of("user", "ann")).connect();
		assertThat(nextConnection().data()).containsEntry("user", "ann");
		assertThat(calls).containsExactly("server:/chat", "async", "sync", "connection");

		calls.clear();
		client("/").connect();
		nextConnection();
		assertThat(calls).containsExactly("server:/");
	}

	@Test
	void rejectingMiddlewareStopsTheChain() throws Exception {
		SocketIoServer io = start();
		List<String> calls = new CopyOnWriteArrayList<>();
		Namespace admin = io.of("/admin");
		admin.use((socket) -> Mono.error(new ConnectRejectedException("admins only", List.of("a", 1))));
		admin.use((socket) -> {
			calls.add("second");
			return Mono.empty();
		});
		admin.onConnection((socket) -> calls.add("connection"));
		io.of("/plain").use((socket) -> Mono.error(new IllegalStateException("broken")));
		var error = client("/admin").connectRefused();
		assertThat(error.getString("message")).isEqualTo("admins only");
		assertThat(error.getJSONArray("data").getString(0)).isEqualTo("a");
		assertThat(error.getJSONArray("data").getInt(1)).isEqualTo(1);
		var plain = client("/plain").connectRefused();
		assertThat(plain.getString("message")).isEqualTo("broken");
		assertThat(plain.has("data")).isFalse();
		assertThat(calls).isEmpty();
		assertThat(admin.sockets()).isEmpty();
	}

	@Test
	void packetMiddlewareVetoesAnEventAndTheErrorListenerGetsTheError() throws Exception {
		SocketIoServer io = start();
		List<String> handled = new CopyOnWriteArrayList<>();
		BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
		io.onConnection((socket) -> {
			socket.use((s, event, args) -> "forbidden".equals(event)
					? Mono.error(new IllegalStateException("not allowed: " + args.get(0).asString())) : Mono.empty());
			socket.use((s, event, args) -> Mono.delay(Duration.ofMillis(10)).then());
			socket.onError(errors::add);
			socket.on("forbidden", (args, ack) -> handled.add("forbidden"));
			socket.on("allowed", (args, ack) -> {
				handled.add("allowed");
				ack.send("ok");
			});
		});
		JavaTestClient client = client("/");
		client.connect();
		client.emit("forbidden", "x");
		assertThat(client.emitAndAwaitAck("allowed")).containsExactly("ok");
		assertThat(next(errors)).isInstanceOf(IllegalStateException.class).hasMessage("not allowed: x");
		assertThat(handled).containsExactly("allowed");
	}

	// Listeners

	@Test
	void catchAllListenerCanAnswerTheAckOfAnEventNothingElseHandles() throws Exception {
		SocketIoServer io = start();
		io.onConnection((socket) -> socket.onAny(new AnyListener() {

			@Override
			public void onAny(String event, ArrayNode args) {
			}

			@Override
			public void onAny(String event, ArrayNode args, @Nullable AckSender ack) {
				if (ack != null) {
					ack.send("any:" + event);
				}
			}

		}));
		JavaTestClient client = client("/");
		client.connect();
		assertThat(client.emitAndAwaitAck("unmapped", 1)).containsExactly("any:unmapped");
	}

	@Test
	void namespaceListenerServesEverySocketBetweenItsCatchAllAndItsOwnListeners() throws Exception {
		SocketIoServer io = start();
		List<String> seen = new CopyOnWriteArrayList<>();
		Namespace chat = io.of("/chat");
		chat.onSocketEvent("hello", (socket, args, ack) -> {
			seen.add("namespace:" + args.get(0).asString());
			ack.send("hi " + args.get(0).asString() + " on " + socket.namespace().name());
		});
		chat.onConnection((socket) -> {
			socket.onAny((event, args) -> seen.add("any:" + args.get(0).asString()));
			socket.on("hello", (args, ack) -> seen.add("own:" + args.get(0).asString()));
		});
		JavaTestClient first = client("/chat");
		first.connect();
		JavaTestClient second = client("/chat");
		second.connect();
		assertThat(first.emitAndAwaitAck("hello", "a")).containsExactly("hi a on /chat");
		await().atMost(TIMEOUT).until(() -> seen.size() == 3);
		assertThat(second.emitAndAwaitAck("hello", "b")).containsExactly("hi b on /chat");
		await().atMost(TIMEOUT).until(() -> seen.size() == 6);
		assertThat(seen).containsExactly("any:a", "namespace:a", "own:a", "any:b", "namespace:b", "own:b");
	}

	@Test
	void parentNamespaceListenerServesTheSocketsOfEveryChild() throws Exception {
		SocketIoServer io = start();
		io.of(Pattern.compile("^/room-\\d+$"))
			.onSocketEvent("where", (socket, args, ack) -> ack.send(socket.namespace().name()));
		JavaTestClient first = client("/room-1");
		first.connect();
		JavaTestClient second = client("/room-2");
		second.connect();
		assertThat(first.emitAndAwaitAck("where")).containsExactly("/room-1");
		assertThat(second.emitAndAwaitAck("where")).containsExactly("/room-2");
	}

	@Test
	void catchAllListenersSeeIncomingAndOutgoingEvents() throws Exception {
		SocketIoServer io = start();
		List<String> seen = new CopyOnWriteArrayList<>();
		AnyListener second = (event, args) -> seen.add("second:" + event + args);
		io.onConnection((socket) -> {
			socket.onAny(second);
			socket.prependAny((event, args) -> seen.add("first:" + event + args));
			socket.onAnyOutgoing((event, args) -> seen.add("out:" + event + args));
			socket.on("remove-second", (args, ack) -> {
				socket.offAny(second);
				ack.send();
			});
			socket.on("reply", (args, ack) -> {
				socket.emit("answer", args.get(0));
				io.emit("everyone", 2);
				ack.send();
			});
		});
		JavaTestClient client = client("/");
		client.connect();
		client.emitAndAwaitAck("reply", 1);
		client.next("answer");
		client.next("everyone");
		client.emitAndAwaitAck("remove-second");
		client.emitAndAwaitAck("reply", 3);
		client.next("answer");
		client.next("everyone");
		assertThat(seen).containsExactly("first:reply[1]", "second:reply[1]", "out:answer[1]", "out:everyone[2]",
				"first:remove-second[]", "second:remove-second[]", "first:reply[3]", "out:answer[3]",
				"out:everyone[2]");
	}

	@Test
	void disconnectingSeesTheRoomsAndDisconnectComesAfterLeavingThem() throws Exception {
		SocketIoServer io = start();
		CompletableFuture<Set<String>> roomsWhileDisconnecting = new CompletableFuture<>();
		CompletableFuture<Set<String>> roomsOnDisconnect = new CompletableFuture<>();
		CompletableFuture<Map<String, ?>> namespaceRoomsOnDisconnect = new CompletableFuture<>();
		io.onConnection((socket) -> {
			socket.join("red", "blue");
			socket.onDisconnecting((reason) -> roomsWhileDisconnecting.complete(socket.rooms()));
			socket.onDisconnect((reason, description) -> {
				roomsOnDisconnect.complete(socket.rooms());
				namespaceRoomsOnDisconnect.complete(io.sockets().rooms());
			});
		});
		JavaTestClient client = client("/");
		String id = client.connect();
		client.socket().disconnect();
		assertThat(roomsWhileDisconnecting.orTimeout(10, TimeUnit.SECONDS).join()).containsExactlyInAnyOrder(id, "red",
				"blue");
		assertThat(roomsOnDisconnect.join()).isEmpty();
		assertThat(namespaceRoomsOnDisconnect.join()).doesNotContainKeys(id, "red", "blue");
	}

	// Disconnect reasons seen by the server

	@Test
	void clientNamespaceDisconnectKeepsTheConnection() throws Exception {
		start();
		io().of("/other").onConnection(this.sockets::record);
		RawWebSocketClient client = rawConnected("/");
		SocketIoSocket main = nextConnection();
		client.connectNamespace("/other");
		SocketIoSocket other = nextConnection();
		client.sendPacket("1");
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
		assertThat(main.connected()).isFalse();
		other.emit("still-there");
		assertThat(client.nextPacket()).isEqualTo("2/other,[\"still-there\"]");
		assertThat(other.conn().isOpen()).isTrue();
	}

	@Test
	void serverNamespaceDisconnectSendsDisconnectAndKeepsTheConnection() throws Exception {
		start();
		RawWebSocketClient client = rawConnected("/");
		SocketIoSocket socket = nextConnection();
		socket.disconnect();
		assertThat(client.nextPacket()).isEqualTo("1");
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
		assertThat(socket.conn().isOpen()).isTrue();
		client.connectNamespace("/");
		assertThat(nextConnection().id()).isNotEqualTo(socket.id());
	}

	@Test
	void clientClosingTheTransportIsTransportClose() throws Exception {
		start();
		RawWebSocketClient client = rawConnected("/");
		nextConnection();
		client.close();
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.TRANSPORT_CLOSE);
	}

	@Test
	void clientThatStopsAnsweringPingsIsPingTimeout() throws Exception {
		start((options) -> options.engine(SocketIoTestServer.fastHeartbeat()));
		RawWebSocketClient client = rawConnected("/");
		nextConnection();
		// The client reads nothing more, so it never answers the next ping.
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.PING_TIMEOUT);
		client.awaitClosed();
	}

	@Test
	void malformedPacketIsParseError() throws Exception {
		start();
		RawWebSocketClient client = rawConnected("/");
		nextConnection();
		client.sendPacket("2{}");
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.PARSE_ERROR);
		client.awaitClosed();
	}

	@Test
	void closingTheServerIsServerShuttingDown() throws Exception {
		SocketIoServer io = start();
		io.of("/other").onConnection(this.sockets::record);
		RawWebSocketClient first = rawConnected("/");
		first.connectNamespace("/other");
		RawWebSocketClient second = rawConnected("/");
		for (int i = 0; i < 3; i++) {
			nextConnection();
		}
		io.close().block(TIMEOUT);
		assertThat(List.of(this.sockets.nextDisconnectReason(), this.sockets.nextDisconnectReason(),
				this.sockets.nextDisconnectReason()))
			.containsOnly(DisconnectReason.SERVER_SHUTTING_DOWN);
		first.awaitClosed();
		second.awaitClosed();
	}

	@Test
	void ackCallbackThatFailsOnDisconnectionDoesNotStopIt() throws Exception {
		start();
		RawWebSocketClient client = rawConnected("/");
		SocketIoSocket socket = nextConnection();
		socket.emitWithCallback("question", (error, args) -> {
			throw new IllegalStateException("failing callback");
		});
		assertThat(client.nextPacket()).isEqualTo("20[\"question\"]");
		client.close();
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.TRANSPORT_CLOSE);
		assertThat(io().sockets().sockets()).isEmpty();
	}

	// Connection rules

	@Test
	void connectionThatNeverConnectsANamespaceIsClosedAfterTheConnectTimeout() throws Exception {
		start((options) -> options.connectTimeout(Duration.ofMillis(200)));
		RawWebSocketClient idle = raw();
		idle.awaitClosed();
		assertThat(this.sockets.connections()).isEmpty();
	}

	@Test
	void connectTimeoutDoesNotCloseAConnectionThatJoinedANamespace() throws Exception {
		start((options) -> options.connectTimeout(Duration.ofMillis(200)));
		RawWebSocketClient idle = raw();
		RawWebSocketClient joined = rawConnected("/");
		SocketIoSocket socket = nextConnection();
		idle.awaitClosed();
		socket.emit("alive");
		assertThat(joined.nextPacket()).isEqualTo("2[\"alive\"]");
	}

	@Test
	void secondConnectToTheSameNamespaceClosesTheConnection() throws Exception {
		start();
		RawWebSocketClient client = rawConnected("/");
		nextConnection();
		client.sendPacket("0");
		client.awaitClosed();
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.FORCED_SERVER_CLOSE);
	}

	@Test
	void packetForANamespaceThatWasNotJoinedClosesTheConnection() throws Exception {
		start();
		io().of("/other");
		RawWebSocketClient client = rawConnected("/");
		nextConnection();
		client.sendPacket("2/other,[\"hello\"]");
		client.awaitClosed();
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.FORCED_SERVER_CLOSE);
	}

	@Test
	void manyNamespacesShareOneConnection() throws Exception {
		SocketIoServer io = start();
		this.sockets.record(io.of("/a"));
		this.sockets.record(io.of("/b"));
		Manager manager = JavaTestClient.manager(this.server.url("/"));
		List<JavaTestClient> sockets = new ArrayList<>();
		for (String namespace : List.of("/", "/a", "/b")) {
			JavaTestClient socket = JavaTestClient.create(manager, namespace);
			this.clients.add(socket);
			sockets.add(socket);
			socket.connect();
		}
		List<SocketIoSocket> serverSockets = List.of(nextConnection(), nextConnection(), nextConnection());
		assertThat(serverSockets).extracting((socket) -> socket.namespace().name())
			.containsExactlyInAnyOrder("/", "/a", "/b");
		assertThat(serverSockets).extracting((socket) -> socket.conn().id())
			.containsOnly(serverSockets.get(0).conn().id());
		assertThat(serverSockets).extracting(SocketIoSocket::id).doesNotHaveDuplicates();
		io.of("/a").emit("hello", "a");
		io.of("/b").emit("hello", "b");
		assertThat(sockets.get(1).next("hello")).containsExactly("a");
		assertThat(sockets.get(2).next("hello")).containsExactly("b");

		sockets.get(1).socket().disconnect();
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
		io.of("/b").emit("hello", "b again");
		assertThat(sockets.get(2).next("hello")).containsExactly("b again");
		assertThat(sockets.get(0).received("hello")).isEmpty();
	}

	// Broadcasting

	@Test
	void broadcastOperatorsSelectRoomsAndSocketIds() throws Exception {
		SocketIoServer io = start();
		Map<String, RawWebSocketClient> clients = new java.util.LinkedHashMap<>();
		Map<String, SocketIoSocket> sockets = new java.util.LinkedHashMap<>();
		for (String name : List.of("a", "b", "c", "d")) {
			clients.put(name, rawConnected("/"));
			sockets.put(name, nextConnection());
		}
		sockets.get("a").join("red");
		sockets.get("b").join("red", "blue");
		sockets.get("c").join("blue");
		Namespace main = io.sockets();

		main.to("red").emit("e", 1);
		expect(clients, 1, "a", "b");
		main.in("red").except("blue").emit("e", 2);
		expect(clients, 2, "a");
		main.to("red", "blue").emit("e", 3);
		expect(clients, 3, "a", "b", "c");
		main.to("red").to("blue").except(sockets.get("b").id()).emit("e", 4);
		expect(clients, 4, "a", "c");
		main.to(sockets.get("d").id()).emit("e", 5);
		expect(clients, 5, "d");
		main.except("red").emit("e", 6);
		expect(clients, 6, "c", "d");
		sockets.get("a").to("red").emit("e", 7);
		expect(clients, 7, "b");
		sockets.get("a").broadcast().emit("e", 8);
		expect(clients, 8, "b", "c", "d");
		sockets.get("b").except("blue").emit("e", 9);
		expect(clients, 9, "a", "d");
		main.emit("e", 10);
		expect(clients, 10, "a", "b", "c", "d");
		io.to("blue").emit("e", 11);
		expect(clients, 11, "b", "c");
		io.except(sockets.get("a").id()).emit("e", 12);
		expect(clients, 12, "b", "c", "d");
		io.emit("e", 13);
		// Each client got exactly its events, in order: the last one proves nothing else
		// came.
		for (RawWebSocketClient client : clients.values()) {
			assertThat(client.nextPacket()).isEqualTo("2[\"e\",13]");
		}
	}

	private static void expect(Map<String, RawWebSocketClient> clients, int value, String... recipients) {
		for (String name : recipients) {
			assertThat(clients.get(name).nextPacket()).as("event %s to %s", value, name)
				.isEqualTo("2[\"e\"," + value + "]");
		}
	}

	@Test
	void broadcastWithAckCollectsTheRepliesOfEveryClient() throws Exception {
		SocketIoServer io = start();
		List<JavaTestClient> clients = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			int index = i;
			JavaTestClient client = client("/").answer("vote", (args) -> new Object[] { "yes-" + index, "ignored" });
			client.connect();
			clients.add(client);
		}
		StepVerifier.create(io.timeout(Duration.ofSeconds(5)).emitWithAck("vote", "q1"))
			.assertNext((replies) -> assertThat(replies).extracting(JsonNode::asString)
				.containsExactlyInAnyOrder("yes-0", "yes-1", "yes-2"))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(io.to("nobody").timeout(Duration.ofSeconds(5)).emitWithAck("vote"))
			.assertNext((replies) -> assertThat(replies).isEmpty())
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void broadcastWithAckFailsNamingHowManyClientsDidNotAnswer() throws Exception {
		SocketIoServer io = start();
		for (int i = 0; i < 3; i++) {
			JavaTestClient client = client("/");
			if (i < 2) {
				client.answer("vote", (args) -> new Object[] { "yes" });
			}
			client.connect();
		}
		StepVerifier.create(io.timeout(Duration.ofMillis(300)).emitWithAck("vote")).expectErrorSatisfies((error) -> {
			assertThat(error).isInstanceOf(AckTimeoutException.class)
				.hasMessage("operation has timed out: 1 of 3 recipient(s) did not answer");
			AckTimeoutException timeout = (AckTimeoutException) error;
			assertThat(timeout.expected()).isEqualTo(3);
			assertThat(timeout.responses()).extracting(JsonNode::asString).containsExactly("yes", "yes");
		}).verify(TIMEOUT);
		StepVerifier.create(io.emitWithAck("vote")).expectError(IllegalStateException.class).verify(TIMEOUT);
	}

	@Test
	void fetchSocketsReturnsIdsHandshakesRoomsAndData() throws Exception {
		SocketIoServer io = start();
		client("/", Map.of("name", "ann")).connect();
		SocketIoSocket ann = nextConnection();
		client("/", Map.of("name", "bob")).connect();
		SocketIoSocket bob = nextConnection();
		ann.join("red");
		ann.data().put("score", 7);
		StepVerifier.create(io.in("red").fetchSockets()).assertNext((sockets) -> {
			assertThat(sockets).hasSize(1);
			RemoteSocket socket = sockets.get(0);
			assertThat(socket.id()).isEqualTo(ann.id());
			assertThat(socket.handshake().auth().path("name").asString()).isEqualTo("ann");
			assertThat(socket.rooms()).containsExactlyInAnyOrder(ann.id(), "red");
			assertThat(socket.data()).containsEntry("score", 7);
		}).expectComplete().verify(TIMEOUT);
		StepVerifier.create(io.fetchSockets())
			.assertNext((sockets) -> assertThat(sockets).extracting(RemoteSocket::id)
				.containsExactlyInAnyOrder(ann.id(), bob.id()))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void socketsJoinLeaveAndDisconnectActOnTheSelectedSockets() throws Exception {
		SocketIoServer io = start();
		RawWebSocketClient annClient = rawConnected("/");
		SocketIoSocket ann = nextConnection();
		RawWebSocketClient bobClient = rawConnected("/");
		SocketIoSocket bob = nextConnection();
		RawWebSocketClient carlClient = rawConnected("/");
		SocketIoSocket carl = nextConnection();
		ann.join("red");
		bob.join("red");

		io.in("red").socketsJoin("team", "green");
		assertThat(ann.rooms()).containsExactlyInAnyOrder(ann.id(), "red", "team", "green");
		assertThat(bob.rooms()).containsExactlyInAnyOrder(bob.id(), "red", "team", "green");
		assertThat(carl.rooms()).containsExactly(carl.id());
		io.in(bob.id()).socketsLeave("green", "red");
		assertThat(bob.rooms()).containsExactlyInAnyOrder(bob.id(), "team");

		io.in("team").except(bob.id()).disconnectSockets(false);
		assertThat(annClient.nextPacket()).isEqualTo("1");
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
		assertThat(ann.connected()).isFalse();
		io.in("team").disconnectSockets(true);
		assertThat(bobClient.nextPacket()).isEqualTo("1");
		assertThat(this.sockets.nextDisconnectReason()).isEqualTo(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
		bobClient.awaitClosed();
		assertThat(annClient.isClosed()).isFalse();
		assertThat(ann.conn().isOpen()).isTrue();
		assertThat(carl.connected()).isTrue();
		assertThat(io.sockets().sockets()).containsOnlyKeys(carl.id());
		carl.emit("still-here");
		assertThat(carlClient.nextPacket()).isEqualTo("2[\"still-here\"]");
	}

	@Test
	void serverSideEmitReachesNoOneWithTheInMemoryAdapter() throws Exception {
		SocketIoServer io = start();
		List<JsonNode> received = new CopyOnWriteArrayList<>();
		io.sockets().onServerSideEmit("hello", (args, ack) -> received.add(args));
		io.sockets().serverSideEmit("hello", "world");
		StepVerifier
			.create(ServerInternals.adapter(io.sockets())
				.serverSideEmitWithAck(JsonNodeFactory.instance.arrayNode().add("hello"),
						BroadcastOptions.builder().timeout(Duration.ofSeconds(1)).build()))
			.assertNext((replies) -> assertThat(replies).isEmpty())
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(ServerInternals.adapter(io.sockets()).serverCount())
			.expectNext(1)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(received).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> io.sockets().serverSideEmit("connect"));
	}

	// Threading and encoding

	@Test
	void emitsFromAnotherThreadArriveInOrder() throws Exception {
		start();
		RawWebSocketClient client = rawConnected("/");
		SocketIoSocket socket = nextConnection();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			executor.submit(() -> {
				for (int i = 0; i < 500; i++) {
					socket.emit("n", i);
				}
			}).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		finally {
			executor.shutdownNow();
		}
		for (int i = 0; i < 500; i++) {
			assertThat(client.nextPacket()).isEqualTo("2[\"n\"," + i + "]");
		}
	}

	@Test
	void broadcastToFiftySocketsIsEncodedOnce() throws Exception {
		SocketIoServer io = start();
		List<RawWebSocketClient> clients = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			clients.add(rawConnected("/"));
		}
		await().atMost(TIMEOUT).until(() -> io.sockets().sockets().size() == 50);
		CountingPayload payload = new CountingPayload();
		io.emit("news", new POJONode(payload), new byte[] { 1, 2 });
		for (RawWebSocketClient client : clients) {
			assertThat(client.nextPacket())
				.isEqualTo("51-[\"news\",{\"title\":\"hello\"},{\"_placeholder\":true,\"num\":0}]");
			assertThat(client.nextBinary()).containsExactly(1, 2);
		}
		assertThat(payload.serializations).hasValue(1);
	}

	/** A value that counts how often it is serialized. */
	static final class CountingPayload {

		final AtomicInteger serializations = new AtomicInteger();

		public String getTitle() {
			this.serializations.incrementAndGet();
			return "hello";
		}

	}

	@Test
	void reservedEventNamesAreRefused() throws Exception {
		SocketIoServer io = start();
		client("/").connect();
		SocketIoSocket socket = nextConnection();
		for (String reserved : List.of("connect", "connect_error", "disconnect", "disconnecting", "newListener",
				"removeListener")) {
			assertThatIllegalArgumentException().isThrownBy(() -> socket.emit(reserved))
				.withMessageContaining(reserved);
			assertThatIllegalArgumentException().isThrownBy(() -> socket.emitWithAck(reserved));
			assertThatIllegalArgumentException()
				.isThrownBy(() -> socket.timeout(Duration.ofSeconds(1)).emitWithCallback(reserved, (e, a) -> {
				}));
			assertThatIllegalArgumentException().isThrownBy(() -> socket.broadcast().emit(reserved));
			assertThatIllegalArgumentException().isThrownBy(() -> io.emit(reserved));
			assertThatIllegalArgumentException().isThrownBy(() -> io.to("room").emit(reserved));
			assertThatIllegalArgumentException()
				.isThrownBy(() -> io.timeout(Duration.ofSeconds(1)).emitWithAck(reserved));
		}
	}

	private SocketIoServer io() {
		return this.server.io();
	}

}
