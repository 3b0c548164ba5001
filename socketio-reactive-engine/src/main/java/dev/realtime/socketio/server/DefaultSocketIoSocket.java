package dev.realtime.socketio.server;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.realtime.socketio.engine.EngineIoCloseReason;
import dev.realtime.socketio.engine.EngineIoSocket;
import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.internal.ServerInternals;
import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.server.adapter.RestoredSession;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;

/**
 * A socket of one namespace on one connection: its id, session state and maps
 * ({@link SocketState}), rooms and lifecycle. Its listeners ({@link SocketListeners}) are
 * thread-safe; the pending acknowledgements ({@link PendingAcks}), the recovery state of
 * a restored socket ({@link SocketRecovery}) and the connection state are confined to the
 * connection's context.
 * <p>
 * An idle connection costs heap for every object its socket holds, so what most sockets
 * never use is created on first use (the data map and the pending acknowledgements) or
 * only for the sockets that need it (the recovery state).
 */
final class DefaultSocketIoSocket implements SocketIoSocket, ServerInternals.EngineSocketOwner {

	private final String id;

	/** The private session id and the data and attribute maps. */
	private final SocketState state;

	/** What a restored socket still has to deliver; {@code null} for a new one. */
	private final @Nullable SocketRecovery recovery;

	private final DefaultNamespace namespace;

	private final SocketIoClient client;

	private final Handshake handshake;

	private final SocketListeners listeners;

	/**
	 * Created by the first acknowledgement callback; in the connection's context only.
	 */
	private @Nullable PendingAcks pendingAcks;

	private volatile boolean connected;

	DefaultSocketIoSocket(DefaultNamespace namespace, SocketIoClient client, Handshake handshake,
			@Nullable RestoredSession restored) {
		this.namespace = namespace;
		this.client = client;
		this.handshake = handshake;
		this.listeners = new SocketListeners(this,
				SocketRateLimiter.create(namespace.server().options().eventRateLimits(), namespace.name()));
		this.id = (restored != null) ? restored.session().sid() : client.newSocketId(namespace.name());
		this.state = SocketState.of(namespace, restored);
		this.recovery = (restored != null) ? new SocketRecovery(restored.missedPackets()) : null;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public DefaultNamespace namespace() {
		return this.namespace;
	}

	@Override
	public SocketIoConnection conn() {
		return new DefaultSocketIoConnection(this.client.conn());
	}

	@Override
	public EngineIoSocket engineSocket() {
		return this.client.conn();
	}

	SocketIoClient client() {
		return this.client;
	}

	@Override
	public Handshake handshake() {
		return this.handshake;
	}

	@Override
	public boolean connected() {
		return this.connected;
	}

	@Override
	public boolean recovered() {
		return this.recovery != null;
	}

	@Nullable String pid() {
		return this.state.pid();
	}

	@Override
	public Map<String, Object> data() {
		return this.state.data();
	}

	@Override
	public Map<String, Object> attributes() {
		return this.state.attributes();
	}

	// Rooms

	@Override
	public void join(String... rooms) {
		join(Arrays.asList(rooms));
	}

	@Override
	public void join(Collection<String> rooms) {
		this.namespace.adapter().addAll(this.id, rooms);
	}

	@Override
	public void leave(String room) {
		this.namespace.adapter().del(this.id, room);
	}

	@Override
	public Set<String> rooms() {
		Set<String> rooms = this.namespace.adapter().socketRooms(this.id);
		return (rooms != null) ? rooms : Set.of();
	}

	// Listeners

	@Override
	public void on(String event, EventListener listener) {
		this.listeners.on(event, listener);
	}

	@Override
	public void off(String event, EventListener listener) {
		this.listeners.off(event, listener);
	}

	@Override
	public void onAny(AnyListener listener) {
		this.listeners.onAny(listener);
	}

	@Override
	public void prependAny(AnyListener listener) {
		this.listeners.prependAny(listener);
	}

	@Override
	public void offAny(AnyListener listener) {
		this.listeners.offAny(listener);
	}

	@Override
	public void onAnyOutgoing(AnyListener listener) {
		this.listeners.onAnyOutgoing(listener);
	}

	@Override
	public void use(PacketMiddleware middleware) {
		this.listeners.use(middleware);
	}

	@Override
	public void onError(Consumer<Throwable> listener) {
		this.listeners.onError(listener);
	}

	@Override
	public void onDisconnecting(Consumer<DisconnectReason> listener) {
		this.listeners.onDisconnecting(listener);
	}

	@Override
	public void onDisconnect(BiConsumer<DisconnectReason, String> listener) {
		this.listeners.onDisconnect(listener);
	}

	// Emitting

	@Override
	public void emit(String event, Object... args) {
		defaultEmitter().emit(event, args);
	}

	@Override
	public void emitWithCallback(String event, AckCallback callback, Object... args) {
		defaultEmitter().emitWithCallback(event, callback, args);
	}

	@Override
	public Mono<ArrayNode> emitWithAck(String event, Object... args) {
		return defaultEmitter().emitWithAck(event, args);
	}

	@Override
	public SocketEmitter timeout(Duration timeout) {
		return new DefaultSocketEmitter(this, timeout, false);
	}

	@Override
	public SocketEmitter asVolatile() {
		return new DefaultSocketEmitter(this, null, true);
	}

	@Override
	public SocketEmitter compress(boolean compress) {
		return defaultEmitter();
	}

	private SocketEmitter defaultEmitter() {
		// Stateless and short-lived: cheaper than a field on every idle socket.
		return new DefaultSocketEmitter(this, null, false);
	}

	/** Tell the outgoing listeners of an event sent; runs in the connection's context. */
	void notifyOutgoing(String event, ArrayNode data) {
		this.listeners.notifyOutgoing(event, data);
	}

	/** Write a broadcast packet; runs in the connection's context. */
	void writeBroadcast(List<EnginePacket> encoded, @Nullable ArrayNode data, boolean volatileFlag) {
		if (!this.connected) {
			if (this.recovery != null && !volatileFlag) {
				this.recovery.holdBack(encoded, data);
			}
			return;
		}
		if (this.recovery != null && !volatileFlag && this.recovery.alreadySent(data)) {
			return;
		}
		if (data != null && this.listeners.hasOutgoingListeners()) {
			this.listeners.notifyOutgoing(Payloads.eventName(data), data);
		}
		this.client.write(encoded, volatileFlag);
	}

	/** Register an acknowledgement callback; runs in the connection's context. */
	void registerAck(long ackId, AckCallback callback, @Nullable Duration timeout) {
		PendingAcks pending = this.pendingAcks;
		if (pending == null) {
			pending = new PendingAcks(this.client, this.namespace, this.id);
			this.pendingAcks = pending;
		}
		pending.register(ackId, callback, timeout);
	}

	// Inbound packets, in the connection's context

	void onPacket(SocketIoPacket packet) {
		switch (packet.type()) {
			case EVENT, BINARY_EVENT -> this.listeners.onEvent(packet);
			case ACK, BINARY_ACK -> onAck(packet);
			case DISCONNECT -> onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT, "");
			default -> this.client.conn().close(EngineIoCloseReason.PARSE_ERROR);
		}
	}

	void notifyError(Throwable error) {
		this.listeners.notifyError(error);
	}

	private void onAck(SocketIoPacket packet) {
		// Unknown ack ids are ignored, as in the reference server.
		if (this.pendingAcks != null) {
			this.pendingAcks.complete(packet.ackId(), packet.arrayData());
		}
	}

	void sendAck(long ackId, Object[] args) {
		ArrayNode data = Payloads.array(this.namespace.jsonMapper(), args);
		this.client.execute(() -> {
			if (this.connected) {
				this.client.send(SocketIoPacket.ack(this.namespace.name(), data, ackId));
			}
		});
	}

	// Lifecycle, in the connection's context

	void onConnect() {
		this.connected = true;
		this.namespace.adapter().addAll(this.id, List.of(this.id));
	}

	/**
	 * Send what a restored socket missed, right after its CONNECT acknowledgement: the
	 * missed events in order, then the broadcasts held back while it was connecting. Runs
	 * in the connection's context.
	 */
	void sendMissedPackets() {
		if (this.recovery != null) {
			this.recovery.sendMissedPackets(this.client, this.namespace);
		}
	}

	/**
	 * Give a restored session back to the adapter when the socket could not connect
	 * (refused by a middleware, or its connection closed meanwhile), so the client can
	 * try again. Runs in the connection's context.
	 */
	void abandonRecovery() {
		Set<String> rooms = rooms();
		this.namespace.adapter().delAll(this.id);
		if (this.recovery != null) {
			this.recovery.abandon();
		}
		this.state.keep(this.namespace.adapter(), this.id, rooms);
	}

	@Override
	public void disconnect(boolean close) {
		this.client.execute(() -> {
			if (!this.connected) {
				return;
			}
			if (close) {
				this.client.disconnectAll();
			}
			else {
				disconnectNamespace();
			}
		});
	}

	void disconnectNamespace() {
		if (this.connected) {
			this.client.send(SocketIoPacket.disconnect(this.namespace.name()));
			onClose(DisconnectReason.SERVER_NAMESPACE_DISCONNECT, "");
		}
	}

	void onClose(DisconnectReason reason, String description) {
		if (!this.connected) {
			return;
		}
		this.listeners.notifyDisconnecting(reason);
		@Nullable Set<String> rooms = (this.state.pid() != null && reason.isRecoverable()) ? rooms() : null;
		this.namespace.adapter().delAll(this.id);
		if (rooms != null) {
			// Kept only once the rooms are left, so that a restored socket keeps the
			// rooms it rejoins.
			this.state.keep(this.namespace.adapter(), this.id, rooms);
		}
		this.namespace.remove(this);
		this.client.remove(this);
		this.connected = false;
		if (this.pendingAcks != null) {
			this.pendingAcks.failAll();
		}
		this.namespace.server().metrics().socketDisconnected(this, reason);
		this.listeners.notifyDisconnect(reason, description);
	}

	// Broadcasting from this socket

	@Override
	public BroadcastOperator to(String... rooms) {
		return new DefaultBroadcastOperator(this.namespace).to(rooms).except(this.id);
	}

	@Override
	public BroadcastOperator except(String... rooms) {
		return new DefaultBroadcastOperator(this.namespace).except(rooms).except(this.id);
	}

	@Override
	public BroadcastOperator broadcast() {
		return new DefaultBroadcastOperator(this.namespace).except(this.id);
	}

	@Override
	public String toString() {
		return "SocketIoSocket[" + this.namespace.name() + " " + this.id + "]";
	}

}
