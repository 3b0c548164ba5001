package dev.realtime.socketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.realtime.socketio.engine.EngineIoHandshake;
import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.server.adapter.AdapterContext;
import dev.realtime.socketio.server.adapter.BroadcastAckHandler;
import dev.realtime.socketio.server.adapter.BroadcastOptions;
import dev.realtime.socketio.server.adapter.RestoredSession;
import dev.realtime.socketio.server.adapter.SocketIoAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A namespace: its sockets, middlewares and listeners, and the delivery side of the
 * adapter contract (encode once, then one task per event loop).
 */
class DefaultNamespace implements Namespace, AdapterContext {

	private static final Logger logger = Loggers.getLogger(DefaultNamespace.class);

	private final String name;

	private final SocketIoServer server;

	private final @Nullable DefaultParentNamespace parent;

	private final Map<String, SocketIoSocket> sockets = new ConcurrentHashMap<>();

	/** Restored sockets back in their rooms, until their CONNECT acknowledgement. */
	private final Map<String, DefaultSocketIoSocket> recovering = new ConcurrentHashMap<>();

	private final List<Consumer<SocketIoSocket>> connectionListeners = new CopyOnWriteArrayList<>();

	private final List<ConnectMiddleware> middlewares = new CopyOnWriteArrayList<>();

	private final Map<String, List<EventListener>> serverSideListeners = new ConcurrentHashMap<>();

	private final AtomicLong ackIds = new AtomicLong();

	private final SocketIoAdapter adapter;

	DefaultNamespace(String name, SocketIoServer server, @Nullable DefaultParentNamespace parent) {
		this.name = name;
		this.server = server;
		this.parent = parent;
		this.adapter = server.options().adapterFactory().create(this);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String namespace() {
		return this.name;
	}

	@Override
	public SocketIoServer server() {
		return this.server;
	}

	@Override
	public SocketIoAdapter adapter() {
		return this.adapter;
	}

	@Override
	public JsonMapper jsonMapper() {
		return this.server.options().jsonMapper();
	}

	@Override
	public @Nullable ConnectionStateRecoveryOptions connectionStateRecovery() {
		return this.server.options().connectionStateRecovery();
	}

	@Override
	public Map<String, SocketIoSocket> sockets() {
		return Collections.unmodifiableMap(this.sockets);
	}

	@Override
	public @Nullable SocketIoSocket socket(String id) {
		return this.sockets.get(id);
	}

	@Override
	public void onConnection(Consumer<SocketIoSocket> listener) {
		this.connectionListeners.add(listener);
	}

	@Override
	public void use(ConnectMiddleware middleware) {
		this.middlewares.add(middleware);
	}

	@Override
	public void onServerSideEmit(String event, EventListener listener) {
		this.serverSideListeners.computeIfAbsent(event, (e) -> new CopyOnWriteArrayList<>()).add(listener);
	}

	@Override
	public void serverSideEmit(String event, Object... args) {
		Payloads.checkEventName(event);
		this.adapter.serverSideEmit(Payloads.eventData(jsonMapper(), event, args));
	}

	@Override
	public void onServerSideEmit(ArrayNode data) {
		List<EventListener> listeners = this.serverSideListeners.get(Payloads.eventName(data));
		if (listeners != null) {
			ArrayNode args = Payloads.eventArgs(data);
			for (EventListener listener : listeners) {
				listener.onEvent(args, null);
			}
		}
	}

	@Override
	public void onServerSideEmit(ArrayNode data, AckSender ack) {
		List<EventListener> listeners = this.serverSideListeners.get(Payloads.eventName(data));
		if (listeners != null) {
			ArrayNode args = Payloads.eventArgs(data);
			for (EventListener listener : listeners) {
				listener.onEvent(args, ack);
			}
		}
	}

	@Override
	public Mono<List<JsonNode>> serverSideEmitWithAck(Duration timeout, String event, Object... args) {
		Payloads.checkEventName(event);
		BroadcastOptions options = new BroadcastOptions(java.util.Set.of(), java.util.Set.of(), false, true, false,
				timeout);
		return this.adapter.serverSideEmitWithAck(Payloads.eventData(jsonMapper(), event, args), options);
	}

	@Override
	public Map<String, Collection<String>> rooms() {
		return this.adapter.rooms();
	}

	@Override
	public long nextAckId() {
		return this.ackIds.getAndIncrement();
	}

	List<EnginePacket> encode(SocketIoPacket packet) {
		return Payloads.toEngine(this.server.encoder().encode(packet));
	}

	// Connecting, on the client's event loop

	/**
	 * Restore the client's session when it presents one, run the connection middlewares,
	 * then admit or refuse the socket.
	 * @param startNanos when the CONNECT packet arrived, 0 without listeners
	 */
	void add(SocketIoClient client, ObjectNode auth, long startNanos) {
		JsonNode pid = auth.get("pid");
		JsonNode offset = auth.get("offset");
		if (connectionStateRecovery() != null && pid != null && pid.isString() && offset != null
				&& offset.isString()) {
			// PROTOCOL.md 2.8: the auth keeps pid and offset, as in the reference server.
			this.adapter.restoreSession(pid.stringValue(), offset.stringValue())
				.singleOptional()
				.onErrorResume((ex) -> {
					logger.warn("Could not restore a session of namespace " + this.name, ex);
					return Mono.just(Optional.empty());
				})
				.subscribe((restored) -> client.execute(() -> admit(client, auth, startNanos, restored.orElse(null))));
			return;
		}
		admit(client, auth, startNanos, null);
	}

	private void admit(SocketIoClient client, ObjectNode auth, long startNanos, @Nullable RestoredSession restored) {
		DefaultSocketIoSocket socket = new DefaultSocketIoSocket(this, client, handshake(client, auth), restored);
		ConnectionStateRecoveryOptions recovery = connectionStateRecovery();
		if (restored != null) {
			this.recovering.put(socket.id(), socket);
			socket.rejoin(restored.session().rooms());
		}
		List<ConnectMiddleware> chain = middlewareChain();
		if (restored != null && recovery != null && recovery.skipMiddlewares() && !chain.isEmpty()) {
			chain = chain.stream().filter(ConnectMiddleware::runsOnRecovery).toList();
		}
		if (chain.isEmpty()) {
			connected(client, socket, startNanos);
			return;
		}
		Flux.fromIterable(chain)
			.concatMap((middleware) -> Mono.defer(() -> middleware.handle(socket)))
			.then()
			.subscribe(null, (error) -> client.execute(() -> refused(client, socket, error, startNanos)),
					() -> client.execute(() -> connected(client, socket, startNanos)));
	}

	private void abandonRecovery(DefaultSocketIoSocket socket) {
		if (socket.recovered() && this.recovering.remove(socket.id(), socket)) {
			socket.abandonRecovery();
		}
	}

	private List<ConnectMiddleware> middlewareChain() {
		List<ConnectMiddleware> global = this.server.middlewares();
		List<ConnectMiddleware> inherited = (this.parent != null) ? this.parent.middlewares() : List.of();
		if (global.isEmpty() && inherited.isEmpty()) {
			return this.middlewares;
		}
		List<ConnectMiddleware> chain = new ArrayList<>(global);
		chain.addAll(inherited);
		chain.addAll(this.middlewares);
		return chain;
	}

	private void connected(SocketIoClient client, DefaultSocketIoSocket socket, long startNanos) {
		if (!client.conn().isOpen()) {
			abandonRecovery(socket);
			client.onConnectFailed(this.name);
			handshakeCompleted(SocketIoServerListener.ERROR, startNanos);
			return;
		}
		this.sockets.put(socket.id(), socket);
		this.recovering.remove(socket.id(), socket);
		socket.onConnect();
		client.onConnected(socket);
		ObjectNode ack = JsonNodeFactory.instance.objectNode().put("sid", socket.id());
		if (socket.pid() != null) {
			ack.put("pid", socket.pid());
		}
		client.send(SocketIoPacket.connect(this.name, ack));
		if (socket.recovered()) {
			socket.sendMissedPackets();
		}
		handshakeCompleted(SocketIoServerListener.ACCEPTED, startNanos);
		this.server.metrics().socketConnected(socket);
		if (this.parent != null) {
			this.parent.fireConnection(socket);
		}
		for (Consumer<SocketIoSocket> listener : this.connectionListeners) {
			try {
				listener.accept(socket);
			}
			catch (RuntimeException ex) {
				logger.error("Connection listener of namespace " + this.name + " failed", ex);
			}
		}
	}

	private void refused(SocketIoClient client, DefaultSocketIoSocket socket, Throwable error, long startNanos) {
		abandonRecovery(socket);
		client.onConnectFailed(this.name);
		if (!client.conn().isOpen()) {
			handshakeCompleted(SocketIoServerListener.ERROR, startNanos);
			return;
		}
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.put("message", (error.getMessage() != null) ? error.getMessage() : error.getClass().getSimpleName());
		if (error instanceof ConnectRejectedException rejected && rejected.data() != null) {
			payload.set("data", Payloads.toNode(jsonMapper(), rejected.data()));
		}
		this.server.metrics().connectRejected(this.name);
		client.send(SocketIoPacket.connectError(this.name, payload));
		handshakeCompleted((error instanceof ConnectRejectedException) ? SocketIoServerListener.REJECTED
				: SocketIoServerListener.ERROR, startNanos);
	}

	private void handshakeCompleted(String outcome, long startNanos) {
		ServerListeners metrics = this.server.metrics();
		if (startNanos != 0 && !metrics.isEmpty()) {
			metrics.handshakeCompleted(this.name, outcome, System.nanoTime() - startNanos);
		}
	}

	private Handshake handshake(SocketIoClient client, ObjectNode auth) {
		EngineIoHandshake engine = client.conn().handshake();
		String address = (engine.remoteAddress() != null && engine.remoteAddress().getAddress() != null)
				? engine.remoteAddress().getAddress().getHostAddress() : "";
		return new Handshake(engine.headers(), engine.query(), auth, address, engine.time(), engine.url(),
				engine.secure(), engine.headers().contains(HttpHeaderNames.ORIGIN));
	}

	void remove(DefaultSocketIoSocket socket) {
		if (this.sockets.remove(socket.id(), socket) && this.parent != null && this.sockets.isEmpty()
				&& this.server.options().cleanupEmptyChildNamespaces()) {
			this.parent.removeChild(this);
		}
	}

	// Delivery (AdapterContext)

	@Override
	public void deliver(Collection<String> socketIds, SocketIoPacket packet, BroadcastOptions options) {
		List<EnginePacket> encoded = encode(packet);
		ArrayNode data = (packet.data() instanceof ArrayNode array) ? array : null;
		forEachLoop(socketIds, (socket) -> socket.writeBroadcast(encoded, data, options.volatileFlag()));
		if (data != null) {
			this.server.metrics().eventSent(this.name, Payloads.eventName(data), socketIds.size());
		}
	}

	@Override
	public void deliverWithAck(Collection<String> socketIds, SocketIoPacket packet, BroadcastOptions options,
			BroadcastAckHandler handler) {
		List<EnginePacket> encoded = encode(packet);
		ArrayNode data = (packet.data() instanceof ArrayNode array) ? array : null;
		List<DefaultSocketIoSocket> recipients = resolve(socketIds, false);
		handler.clientCount(recipients.size());
		Duration timeout = options.timeout();
		forEachLoop(recipients, (socket) -> {
			if (socket.connected()) {
				socket.registerAck(packet.ackId(), (error, reply) -> {
					if (error == null) {
						JsonNode first = (reply.size() > 0) ? reply.get(0) : JsonNodeFactory.instance.nullNode();
						handler.ack(first);
					}
				}, timeout);
			}
			socket.writeBroadcast(encoded, data, options.volatileFlag());
		});
	}

	/**
	 * Find the local sockets, with or without the restored ones still connecting (which
	 * hold broadcasts back until their CONNECT acknowledgement).
	 */
	private List<DefaultSocketIoSocket> resolve(Collection<String> socketIds, boolean withRecovering) {
		List<DefaultSocketIoSocket> resolved = new ArrayList<>(socketIds.size());
		for (String id : socketIds) {
			SocketIoSocket socket = this.sockets.get(id);
			if (socket instanceof DefaultSocketIoSocket local) {
				resolved.add(local);
			}
			else if (withRecovering && !this.recovering.isEmpty()) {
				DefaultSocketIoSocket restored = this.recovering.get(id);
				if (restored != null) {
					resolved.add(restored);
				}
			}
		}
		return resolved;
	}

	private void forEachLoop(Collection<String> socketIds, Consumer<DefaultSocketIoSocket> action) {
		forEachLoop(resolve(socketIds, true), action);
	}

	/**
	 * Hand each home event loop one task that writes to all its recipients; the sessions
	 * flush once per loop iteration. A session busy on another thread at that moment takes
	 * its write in turn.
	 */
	private void forEachLoop(List<DefaultSocketIoSocket> recipients, Consumer<DefaultSocketIoSocket> action) {
		if (recipients.size() == 1) {
			DefaultSocketIoSocket socket = recipients.get(0);
			socket.conn().execute(action, socket);
			return;
		}
		Map<EventLoop, List<DefaultSocketIoSocket>> byLoop = new IdentityHashMap<>();
		for (DefaultSocketIoSocket socket : recipients) {
			byLoop.computeIfAbsent(socket.conn().eventLoop(), (loop) -> new ArrayList<>()).add(socket);
		}
		byLoop.forEach((loop, sockets) -> {
			Runnable task = () -> {
				for (DefaultSocketIoSocket socket : sockets) {
					socket.conn().execute(action, socket);
				}
			};
			if (loop.inEventLoop()) {
				task.run();
			}
			else {
				loop.execute(task);
			}
		});
	}

	// Broadcasting to the whole namespace

	private BroadcastOperator operator() {
		return new DefaultBroadcastOperator(this);
	}

	@Override
	public BroadcastOperator to(String... rooms) {
		return operator().to(rooms);
	}

	@Override
	public BroadcastOperator to(Collection<String> rooms) {
		return operator().to(rooms);
	}

	@Override
	public BroadcastOperator except(String... rooms) {
		return operator().except(rooms);
	}

	@Override
	public BroadcastOperator asVolatile() {
		return operator().asVolatile();
	}

	@Override
	public BroadcastOperator compress(boolean compress) {
		return operator().compress(compress);
	}

	@Override
	public BroadcastOperator local() {
		return operator().local();
	}

	@Override
	public BroadcastOperator timeout(Duration timeout) {
		return operator().timeout(timeout);
	}

	@Override
	public void emit(String event, Object... args) {
		operator().emit(event, args);
	}

	@Override
	public Mono<List<JsonNode>> emitWithAck(String event, Object... args) {
		return operator().emitWithAck(event, args);
	}

	@Override
	public Mono<List<RemoteSocket>> fetchSockets() {
		return operator().fetchSockets();
	}

	@Override
	public void socketsJoin(String... rooms) {
		operator().socketsJoin(rooms);
	}

	@Override
	public void socketsLeave(String... rooms) {
		operator().socketsLeave(rooms);
	}

	@Override
	public void disconnectSockets(boolean close) {
		operator().disconnectSockets(close);
	}

	/** Close every socket for a server shutdown. */
	List<SocketIoClient> clients() {
		List<SocketIoClient> clients = new ArrayList<>();
		for (SocketIoSocket socket : this.sockets.values()) {
			clients.add(((DefaultSocketIoSocket) socket).client());
		}
		return clients;
	}

	@Override
	public String toString() {
		return "Namespace[" + this.name + "]";
	}

}
