package dev.realtime.socketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.internal.ServerInternals;
import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.server.adapter.AdapterContext;
import dev.realtime.socketio.server.adapter.BroadcastAckHandler;
import dev.realtime.socketio.server.adapter.BroadcastOptions;
import dev.realtime.socketio.server.adapter.SocketIoAdapter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A namespace: its sockets, its adapter and its server-side listeners. Sockets get in
 * through its {@link NamespaceAdmission}; what the adapter sends to local sockets goes
 * through its {@link LocalDelivery}.
 */
class DefaultNamespace implements Namespace, AdapterContext, ServerInternals.AdapterOwner {

	private final String name;

	private final SocketIoServer server;

	private final @Nullable DefaultParentNamespace parent;

	private final SocketEventListeners socketEventListeners = new SocketEventListeners();

	private final Map<String, SocketIoSocket> sockets = new ConcurrentHashMap<>();

	private final NamespaceAdmission admission;

	private final LocalDelivery delivery;

	private final Map<String, List<EventListener>> serverSideListeners = new ConcurrentHashMap<>();

	private final AtomicLong ackIds = new AtomicLong();

	private final SocketIoAdapter adapter;

	DefaultNamespace(String name, SocketIoServer server, @Nullable DefaultParentNamespace parent) {
		this.name = name;
		this.server = server;
		this.parent = parent;
		// Restored sockets back in their rooms, until their CONNECT acknowledgement.
		Map<String, DefaultSocketIoSocket> recovering = new ConcurrentHashMap<>();
		this.admission = new NamespaceAdmission(this, parent, this.sockets, recovering);
		this.delivery = new LocalDelivery(this, this.sockets, recovering);
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
		this.admission.onConnection(listener);
	}

	@Override
	public void onSocketEvent(String event, SocketEventListener listener) {
		this.socketEventListeners.add(event, listener);
	}

	/**
	 * The listeners of an event for every socket: the parent namespace's, then this
	 * one's.
	 */
	List<SocketEventListener> socketEventListeners(String event) {
		List<SocketEventListener> own = this.socketEventListeners.get(event);
		List<SocketEventListener> inherited = (this.parent != null) ? this.parent.socketEventListeners(event)
				: List.of();
		if (inherited.isEmpty()) {
			return own;
		}
		if (own.isEmpty()) {
			return inherited;
		}
		List<SocketEventListener> all = new ArrayList<>(inherited);
		all.addAll(own);
		return all;
	}

	@Override
	public void use(ConnectMiddleware middleware) {
		this.admission.use(middleware);
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
		BroadcastOptions options = BroadcastOptions.builder().timeout(timeout).build();
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
		return this.server.parser().encode(packet);
	}

	// Connecting, on the client's event loop

	/**
	 * Admit a socket of a client that sent CONNECT for this namespace.
	 * @param startNanos when the CONNECT packet arrived, 0 without listeners
	 */
	void add(SocketIoClient client, ObjectNode auth, long startNanos) {
		this.admission.admit(client, auth, startNanos);
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
		this.delivery.deliver(socketIds, packet, options);
	}

	@Override
	public void deliverWithAck(Collection<String> socketIds, SocketIoPacket packet, BroadcastOptions options,
			BroadcastAckHandler handler) {
		this.delivery.deliverWithAck(socketIds, packet, options, handler);
	}

	@Override
	public void roomJoined(String room, String socketId) {
		// On every join: only a server with listeners pays for the call.
		ServerListeners listeners = this.server.metrics();
		if (!listeners.isEmpty()) {
			listeners.roomJoined(this.name, room, socketId);
		}
	}

	@Override
	public void roomLeft(String room, String socketId) {
		ServerListeners listeners = this.server.metrics();
		if (!listeners.isEmpty()) {
			listeners.roomLeft(this.name, room, socketId);
		}
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
