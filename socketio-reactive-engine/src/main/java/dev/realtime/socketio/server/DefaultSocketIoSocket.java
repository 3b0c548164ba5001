package dev.realtime.socketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.realtime.socketio.engine.EngineIoCloseReason;
import dev.realtime.socketio.engine.EngineIoSocket;
import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.internal.RandomIds;
import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.server.adapter.BroadcastOptions;
import dev.realtime.socketio.server.adapter.RestoredSession;
import dev.realtime.socketio.server.adapter.SocketIoSession;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A socket of one namespace on one connection. Listener lists are thread-safe; the pending
 * acknowledgements and the connection state are confined to the connection's context.
 * <p>An idle connection costs heap for every object its socket holds, so what most sockets
 * never use is created on first use: the listener lists are immutable lists replaced on
 * change (copy-on-write, shared empty list until then), the data map and the pending
 * acknowledgements are created when first needed.
 */
final class DefaultSocketIoSocket implements SocketIoSocket {

	private static final Logger logger = Loggers.getLogger(DefaultSocketIoSocket.class);

	private static final ObjectNode RATE_LIMITED_REPLY = JsonNodeFactory.instance.objectNode()
		.put("error", DisconnectReason.RATE_LIMITED);

	/** PROTOCOL.md 2.8: the disconnections after which a session is kept for recovery. */
	private static final Set<String> RECOVERABLE_REASONS = Set.of(DisconnectReason.TRANSPORT_ERROR,
			DisconnectReason.TRANSPORT_CLOSE, DisconnectReason.FORCED_CLOSE, DisconnectReason.PING_TIMEOUT,
			DisconnectReason.SERVER_SHUTTING_DOWN, DisconnectReason.FORCED_SERVER_CLOSE);

	/** How long a restored socket remembers the offsets of its missed packets. */
	private static final Duration RECOVERED_OFFSETS_RETENTION = Duration.ofSeconds(10);

	private final String id;

	/** The private session id, with connection state recovery on. */
	private final @Nullable String pid;

	private final boolean recovered;

	/** Events missed while disconnected, sent right after the CONNECT acknowledgement. */
	private List<ArrayNode> missedPackets;

	/** Broadcasts that reached a restored socket before its CONNECT acknowledgement. */
	private @Nullable List<HeldPacket> heldBack;

	/**
	 * The offsets a restored socket got among its missed packets, for a while after it
	 * connected: a copy of one of them still on its way from another node goes out once.
	 */
	private @Nullable Set<String> recoveredOffsets;

	private final DefaultNamespace namespace;

	private final SocketIoClient client;

	private final Handshake handshake;

	private volatile @Nullable Map<String, Object> data;

	private volatile @Nullable Map<String, Object> attributes;

	/** Immutable lists by event, replaced atomically per key. */
	private final Map<String, List<EventListener>> listeners = new ConcurrentHashMap<>(4);

	// Immutable lists, replaced while holding the lock of this.listeners

	private volatile List<AnyListener> anyListeners = List.of();

	private volatile List<AnyListener> anyOutgoingListeners = List.of();

	private volatile List<PacketMiddleware> middlewares = List.of();

	private volatile List<Consumer<Throwable>> errorListeners = List.of();

	private volatile List<Consumer<String>> disconnectingListeners = List.of();

	private volatile List<BiConsumer<String, String>> disconnectListeners = List.of();

	/** Created by the first acknowledgement callback; in the connection's context only. */
	private @Nullable Map<Long, PendingAck> pendingAcks;

	private volatile boolean connected;

	private final @Nullable SocketRateLimiter rateLimiter;

	DefaultSocketIoSocket(DefaultNamespace namespace, SocketIoClient client, Handshake handshake,
			@Nullable RestoredSession restored) {
		this.namespace = namespace;
		this.client = client;
		this.handshake = handshake;
		this.rateLimiter = SocketRateLimiter.create(namespace.server().options().eventRateLimits(), namespace.name());
		if (restored != null) {
			SocketIoSession session = restored.session();
			this.id = session.sid();
			this.pid = session.pid();
			this.recovered = true;
			if (!session.data().isEmpty()) {
				this.data = new ConcurrentHashMap<>(session.data());
			}
			this.missedPackets = restored.missedPackets();
			this.heldBack = new ArrayList<>();
		}
		else {
			this.id = RandomIds.next();
			this.pid = (namespace.server().options().connectionStateRecovery() != null) ? RandomIds.next() : null;
			this.recovered = false;
			this.missedPackets = List.of();
		}
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public Namespace namespace() {
		return this.namespace;
	}

	@Override
	public EngineIoSocket conn() {
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
		return this.recovered;
	}

	@Nullable String pid() {
		return this.pid;
	}

	@Override
	public Map<String, Object> data() {
		Map<String, Object> data = this.data;
		if (data == null) {
			synchronized (this.listeners) {
				data = this.data;
				if (data == null) {
					data = new ConcurrentHashMap<>();
					this.data = data;
				}
			}
		}
		return data;
	}

	@Override
	public Map<String, Object> attributes() {
		Map<String, Object> attributes = this.attributes;
		if (attributes == null) {
			synchronized (this.listeners) {
				attributes = this.attributes;
				if (attributes == null) {
					attributes = new ConcurrentHashMap<>();
					this.attributes = attributes;
				}
			}
		}
		return attributes;
	}

	private Map<String, Object> dataSnapshot() {
		Map<String, Object> data = this.data;
		return (data != null) ? data : Map.of();
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
		Objects.requireNonNull(listener, "listener must not be null");
		this.listeners.compute(event, (e, list) -> Listeners.append(list, listener));
	}

	@Override
	public void off(String event, EventListener listener) {
		this.listeners.computeIfPresent(event, (e, list) -> Listeners.removeOrNull(list, listener));
	}

	@Override
	public void onAny(AnyListener listener) {
		Objects.requireNonNull(listener, "listener must not be null");
		synchronized (this.listeners) {
			this.anyListeners = Listeners.append(this.anyListeners, listener);
		}
	}

	@Override
	public void prependAny(AnyListener listener) {
		Objects.requireNonNull(listener, "listener must not be null");
		synchronized (this.listeners) {
			this.anyListeners = Listeners.prepend(this.anyListeners, listener);
		}
	}

	@Override
	public void offAny(AnyListener listener) {
		synchronized (this.listeners) {
			this.anyListeners = Listeners.remove(this.anyListeners, listener);
		}
	}

	@Override
	public void onAnyOutgoing(AnyListener listener) {
		Objects.requireNonNull(listener, "listener must not be null");
		synchronized (this.listeners) {
			this.anyOutgoingListeners = Listeners.append(this.anyOutgoingListeners, listener);
		}
	}

	@Override
	public void use(PacketMiddleware middleware) {
		Objects.requireNonNull(middleware, "middleware must not be null");
		synchronized (this.listeners) {
			this.middlewares = Listeners.append(this.middlewares, middleware);
		}
	}

	@Override
	public void onError(Consumer<Throwable> listener) {
		Objects.requireNonNull(listener, "listener must not be null");
		synchronized (this.listeners) {
			this.errorListeners = Listeners.append(this.errorListeners, listener);
		}
	}

	@Override
	public void onDisconnecting(Consumer<String> listener) {
		Objects.requireNonNull(listener, "listener must not be null");
		synchronized (this.listeners) {
			this.disconnectingListeners = Listeners.append(this.disconnectingListeners, listener);
		}
	}

	@Override
	public void onDisconnect(BiConsumer<String, String> listener) {
		Objects.requireNonNull(listener, "listener must not be null");
		synchronized (this.listeners) {
			this.disconnectListeners = Listeners.append(this.disconnectListeners, listener);
		}
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

	/** Send an event built by an emitter; safe from any thread. */
	void sendEvent(String event, ArrayNode data, @Nullable AckCallback callback, @Nullable Duration timeout,
			boolean volatileFlag) {
		if (this.pid != null && callback == null && !volatileFlag) {
			// PROTOCOL.md 2.8: through the adapter, which gives the event its offset and keeps it
			// (it reaches the client on recovery even when sent while disconnected). The socket
			// is on this node: no other node needs to hear of it.
			this.namespace.adapter().broadcast(SocketIoPacket.event(this.namespace.name(), data),
					new BroadcastOptions(Set.of(this.id), Set.of(), false, true, true, null));
			return;
		}
		long ackId = (callback != null) ? this.namespace.nextAckId() : SocketIoPacket.NO_ACK_ID;
		SocketIoPacket packet = SocketIoPacket.event(this.namespace.name(), data, ackId);
		List<EnginePacket> encoded = this.namespace.encode(packet);
		this.client.execute(() -> {
			if (!this.connected) {
				if (callback != null) {
					callback.onAck(new IllegalStateException("socket has been disconnected"),
							JsonNodeFactory.instance.arrayNode());
				}
				return;
			}
			if (callback != null) {
				registerAck(ackId, callback, timeout);
			}
			notifyOutgoing(event, data);
			this.client.write(encoded, volatileFlag);
			this.namespace.server().metrics().eventSent(this.namespace.name(), event, 1);
		});
	}

	/** Write a broadcast packet; runs in the connection's context. */
	void writeBroadcast(List<EnginePacket> encoded, @Nullable ArrayNode data, boolean volatileFlag) {
		if (!this.connected) {
			if (this.heldBack != null && !volatileFlag) {
				this.heldBack.add(new HeldPacket(encoded, offset(data)));
			}
			return;
		}
		if (this.recoveredOffsets != null && !volatileFlag) {
			String offset = offset(data);
			if (offset != null && this.recoveredOffsets.contains(offset)) {
				return;
			}
		}
		if (data != null && !this.anyOutgoingListeners.isEmpty()) {
			notifyOutgoing(Payloads.eventName(data), data);
		}
		this.client.write(encoded, volatileFlag);
	}

	private void notifyOutgoing(String event, ArrayNode data) {
		if (this.anyOutgoingListeners.isEmpty()) {
			return;
		}
		ArrayNode args = Payloads.eventArgs(data);
		for (AnyListener listener : this.anyOutgoingListeners) {
			try {
				listener.onAny(event, args);
			}
			catch (RuntimeException ex) {
				logger.error("Outgoing listener of socket " + this.id + " failed", ex);
			}
		}
	}

	/** Register an acknowledgement callback; runs in the connection's context. */
	void registerAck(long ackId, AckCallback callback, @Nullable Duration timeout) {
		ScheduledFuture<?> timer = null;
		if (timeout != null) {
			timer = this.client.schedule(() -> {
				PendingAck pending = (this.pendingAcks != null) ? this.pendingAcks.remove(ackId) : null;
				if (pending != null) {
					this.namespace.server().metrics().ackCompleted(this.namespace.name(), false,
							System.nanoTime() - pending.startNanos(), false);
					pending.callback().onAck(new AckTimeoutException(1, List.of()), JsonNodeFactory.instance.arrayNode());
				}
			}, timeout.toMillis());
		}
		Map<Long, PendingAck> pending = this.pendingAcks;
		if (pending == null) {
			pending = new HashMap<>(4);
			this.pendingAcks = pending;
		}
		pending.put(ackId, new PendingAck(callback, timer, System.nanoTime()));
	}

	// Inbound packets, in the connection's context

	void onPacket(SocketIoPacket packet) {
		switch (packet.type()) {
			case EVENT, BINARY_EVENT -> onEvent(packet);
			case ACK, BINARY_ACK -> onAck(packet);
			case DISCONNECT -> onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT, "");
			default -> this.client.conn().close(EngineIoCloseReason.PARSE_ERROR);
		}
	}

	private void onEvent(SocketIoPacket packet) {
		ArrayNode data = (ArrayNode) packet.data();
		String event = Payloads.eventName(data);
		ArrayNode args = Payloads.eventArgs(data);
		AckSender ack = packet.hasAckId() ? new DefaultAckSender(this, packet.ackId()) : null;
		this.namespace.server().metrics().eventReceived(this.namespace.name(), event);
		if (this.rateLimiter != null && !this.rateLimiter.tryAcquire(event)) {
			rateLimited(event, ack);
			return;
		}
		List<PacketMiddleware> middlewares = this.middlewares;
		if (middlewares.isEmpty()) {
			dispatch(event, args, ack);
			return;
		}
		Flux.fromIterable(middlewares)
			.concatMap((middleware) -> middleware.handle(this, event, args))
			.then()
			.subscribe(null, (error) -> this.client.execute(() -> notifyError(error)),
					() -> this.client.execute(() -> dispatch(event, args, ack)));
	}

	private void rateLimited(String event, @Nullable AckSender ack) {
		this.namespace.server().metrics().eventRateLimited(this.namespace.name(), event);
		if (ack != null) {
			ack.send(RATE_LIMITED_REPLY);
		}
		if (this.rateLimiter != null && this.rateLimiter.abusive()) {
			this.client.conn().close(DisconnectReason.RATE_LIMITED);
		}
	}

	private void dispatch(String event, ArrayNode args, @Nullable AckSender ack) {
		if (!this.connected) {
			return;
		}
		for (AnyListener listener : this.anyListeners) {
			try {
				listener.onAny(event, args, ack);
			}
			catch (RuntimeException ex) {
				logger.error("Catch-all listener of socket " + this.id + " failed", ex);
			}
		}
		List<EventListener> eventListeners = this.listeners.get(event);
		if (eventListeners == null) {
			return;
		}
		for (EventListener listener : eventListeners) {
			try {
				listener.onEvent(args, ack);
			}
			catch (RuntimeException ex) {
				logger.error("Listener for event '" + event + "' of socket " + this.id + " failed", ex);
				this.namespace.server().metrics().handlerFailed(this.namespace.name(), event, ex);
				notifyError(ex);
			}
		}
	}

	void notifyError(Throwable error) {
		for (Consumer<Throwable> listener : this.errorListeners) {
			try {
				listener.accept(error);
			}
			catch (RuntimeException ex) {
				logger.error("Error listener of socket " + this.id + " failed", ex);
			}
		}
	}

	private void onAck(SocketIoPacket packet) {
		PendingAck pending = (this.pendingAcks != null) ? this.pendingAcks.remove(packet.ackId()) : null;
		if (pending == null) {
			// Unknown or duplicate ack ids are ignored, as in the reference server.
			return;
		}
		if (pending.timer() != null) {
			pending.timer().cancel(false);
		}
		this.namespace.server().metrics().ackCompleted(this.namespace.name(), false,
				System.nanoTime() - pending.startNanos(), true);
		try {
			pending.callback().onAck(null, (ArrayNode) packet.data());
		}
		catch (RuntimeException ex) {
			logger.error("Ack callback of socket " + this.id + " failed", ex);
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
	 * Join the rooms of a restored session before the CONNECT acknowledgement; broadcasts
	 * that reach the socket until then are held back. Runs in the connection's context.
	 * @param rooms the rooms of the session
	 */
	void rejoin(Set<String> rooms) {
		this.namespace.adapter().addAll(this.id, rooms);
	}

	/**
	 * Send what a restored socket missed, right after its CONNECT acknowledgement: the
	 * missed events in order, then the broadcasts held back while it was connecting.
	 * Runs in the connection's context.
	 */
	void sendMissedPackets() {
		Set<String> sentOffsets = new HashSet<>();
		for (ArrayNode packet : this.missedPackets) {
			String offset = offset(packet);
			if (offset != null) {
				sentOffsets.add(offset);
			}
			this.client.write(this.namespace.encode(SocketIoPacket.event(this.namespace.name(), packet)), false);
		}
		this.missedPackets = List.of();
		List<HeldPacket> held = this.heldBack;
		this.heldBack = null;
		if (held != null) {
			for (HeldPacket packet : held) {
				// A packet kept before the session was read and delivered after the socket
				// rejoined its rooms is both missed and held back: it goes out once.
				if (packet.offset() == null || !sentOffsets.contains(packet.offset())) {
					this.client.write(packet.encoded(), false);
				}
			}
		}
		if (!sentOffsets.isEmpty()) {
			this.recoveredOffsets = sentOffsets;
			this.client.schedule(() -> this.recoveredOffsets = null, RECOVERED_OFFSETS_RETENTION.toMillis());
		}
	}

	/** The offset of an event with connection state recovery on: its last argument. */
	private static @Nullable String offset(@Nullable ArrayNode data) {
		if (data == null || data.size() < 2) {
			return null;
		}
		JsonNode last = data.get(data.size() - 1);
		return last.isString() ? last.stringValue() : null;
	}

	/**
	 * Give a restored session back to the adapter when the socket could not connect (refused
	 * by a middleware, or its connection closed meanwhile), so the client can try again.
	 * Runs in the connection's context.
	 */
	void abandonRecovery() {
		Set<String> rooms = rooms();
		this.namespace.adapter().delAll(this.id);
		this.heldBack = null;
		this.missedPackets = List.of();
		if (this.pid != null) {
			this.namespace.adapter().persistSession(new SocketIoSession(this.id, this.pid, rooms, dataSnapshot()));
		}
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

	void onClose(String reason, String description) {
		if (!this.connected) {
			return;
		}
		for (Consumer<String> listener : this.disconnectingListeners) {
			try {
				listener.accept(reason);
			}
			catch (RuntimeException ex) {
				logger.error("Disconnecting listener of socket " + this.id + " failed", ex);
			}
		}
		String pid = this.pid;
		@Nullable Set<String> rooms = (pid != null && RECOVERABLE_REASONS.contains(reason)) ? rooms() : null;
		this.namespace.adapter().delAll(this.id);
		if (pid != null && rooms != null) {
			// Kept only once the rooms are left, so that a restored socket keeps the rooms it rejoins.
			this.namespace.adapter().persistSession(new SocketIoSession(this.id, pid, rooms, dataSnapshot()));
		}
		this.namespace.remove(this);
		this.client.remove(this);
		this.connected = false;
		Map<Long, PendingAck> acks = this.pendingAcks;
		if (acks != null && !acks.isEmpty()) {
			List<PendingAck> pending = new ArrayList<>(acks.values());
			acks.clear();
			for (PendingAck ack : pending) {
				if (ack.timer() != null) {
					ack.timer().cancel(false);
				}
				try {
					ack.callback().onAck(new IllegalStateException("socket has been disconnected"),
							JsonNodeFactory.instance.arrayNode());
				}
				catch (RuntimeException ex) {
					logger.error("Ack callback of socket " + this.id + " failed", ex);
				}
			}
		}
		this.namespace.server().metrics().socketDisconnected(this, reason);
		for (BiConsumer<String, String> listener : this.disconnectListeners) {
			try {
				listener.accept(reason, description);
			}
			catch (RuntimeException ex) {
				logger.error("Disconnect listener of socket " + this.id + " failed", ex);
			}
		}
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

	private record PendingAck(AckCallback callback, @Nullable ScheduledFuture<?> timer, long startNanos) {
	}

	private record HeldPacket(List<EnginePacket> encoded, @Nullable String offset) {
	}

}
