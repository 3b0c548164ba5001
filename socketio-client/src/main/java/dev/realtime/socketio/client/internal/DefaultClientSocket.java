package dev.realtime.socketio.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.realtime.socketio.client.ClientEvent;
import dev.realtime.socketio.client.ClientSocket;
import dev.realtime.socketio.client.ConnectionEvent;
import dev.realtime.socketio.client.SocketIoConnectException;
import dev.realtime.socketio.client.SocketIoDisconnectedException;
import dev.realtime.socketio.protocol.SocketIoPacket;

/**
 * A namespace socket of a {@link DefaultSocketIoClient}. Its state is changed on the
 * client's executor only; the few fields read from other threads are volatile.
 */
final class DefaultClientSocket implements ClientSocket {

	private static final Logger logger = Loggers.getLogger(DefaultClientSocket.class);

	private final DefaultSocketIoClient client;

	private final String namespace;

	private final @Nullable Object auth;

	private final JsonMapper mapper;

	private final ClientExecutor executor;

	private volatile @Nullable String id;

	private volatile boolean connected;

	private volatile boolean recovered;

	private volatile boolean finished;

	/** Whether the socket wants to be connected: reconnected after a drop. */
	private boolean active;

	private boolean everConnected;

	private boolean connectSent;

	private @Nullable String pid;

	private @Nullable String sentPid;

	private @Nullable String lastOffset;

	private final List<SocketIoPacket> sendBuffer = new ArrayList<>();

	private final List<SocketIoPacket> receiveBuffer = new ArrayList<>();

	private final List<MonoSink<ClientSocket>> pendingConnects = new ArrayList<>();

	private final SocketListeners listeners;

	private final PendingAcks acks;

	private final Payloads payloads;

	private final Map<String, Function<ClientEvent, @Nullable Object>> requestHandlers = new ConcurrentHashMap<>();

	DefaultClientSocket(DefaultSocketIoClient client, String namespace, @Nullable Object auth) {
		this.client = client;
		this.namespace = namespace;
		this.auth = auth;
		this.mapper = client.config().mapper();
		this.executor = client.executor();
		this.listeners = new SocketListeners(this.executor);
		this.acks = new PendingAcks(this.executor);
		this.payloads = new Payloads(this.mapper);
	}

	@Override
	public String namespace() {
		return this.namespace;
	}

	@Override
	public @Nullable String id() {
		return this.id;
	}

	@Override
	public boolean connected() {
		return this.connected;
	}

	@Override
	public boolean recovered() {
		return this.recovered;
	}

	boolean active() {
		return this.active;
	}

	boolean finished() {
		return this.finished;
	}

	// Connection

	void connect(MonoSink<ClientSocket> sink) {
		if (this.connected) {
			sink.success(this);
			return;
		}
		ObjectNode authNode;
		try {
			authNode = authNode();
		}
		catch (IllegalArgumentException ex) {
			sink.error(ex);
			return;
		}
		this.pendingConnects.add(sink);
		sink.onCancel(() -> this.executor.execute(() -> {
			this.pendingConnects.remove(sink);
			if (!this.everConnected && this.pendingConnects.isEmpty() && this.active) {
				this.active = false;
				finish();
				this.client.socketInactive(this);
			}
		}));
		this.active = true;
		if (this.client.engineOpen() && !this.connectSent) {
			sendConnect(authNode);
		}
		else {
			this.client.ensureOpen();
		}
	}

	void onEngineOpen() {
		if (this.active && !this.connectSent) {
			sendConnect(authNode());
		}
	}

	private ObjectNode authNode() {
		if (this.auth == null) {
			return this.mapper.createObjectNode();
		}
		JsonNode node;
		try {
			node = this.mapper.valueToTree(this.auth);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"The auth of " + this.namespace + " is not writable as JSON: " + ex.getOriginalMessage(), ex);
		}
		if (!(node instanceof ObjectNode object)) {
			throw new IllegalArgumentException(
					"The auth of " + this.namespace + " must be written as a JSON object, was " + node);
		}
		return object.deepCopy();
	}

	private void sendConnect(ObjectNode payload) {
		// Connection state recovery: the CONNECT of a reconnection carries the pid and
		// last offset
		if (this.pid != null) {
			payload.put("pid", this.pid);
			if (this.lastOffset != null) {
				payload.put("offset", this.lastOffset);
			}
		}
		this.sentPid = this.pid;
		this.connectSent = true;
		this.client.send(SocketIoPacket.connect(this.namespace, payload.isEmpty() ? null : payload));
	}

	void onPacket(SocketIoPacket packet) {
		if (this.finished) {
			return;
		}
		switch (packet.type()) {
			case CONNECT -> onConnected(packet.data());
			case CONNECT_ERROR -> onRefused(packet.data());
			case EVENT, BINARY_EVENT -> {
				// A server may send what a recovered socket missed ahead of the CONNECT
				// ack
				if (this.connected) {
					onEvent(packet);
				}
				else {
					this.receiveBuffer.add(packet);
				}
			}
			case ACK, BINARY_ACK -> onAck(packet);
			case DISCONNECT -> onServerDisconnect();
		}
	}

	private void onConnected(@Nullable JsonNode data) {
		String sid = (data != null) ? data.path("sid").asString("") : "";
		String newPid = (data != null && data.path("pid").isString()) ? data.path("pid").stringValue() : null;
		this.recovered = this.sentPid != null && this.sentPid.equals(newPid);
		this.pid = newPid;
		if (!this.recovered) {
			this.lastOffset = null;
		}
		this.id = sid;
		this.connected = true;
		this.everConnected = true;
		this.connectSent = false;
		List<SocketIoPacket> buffered = List.copyOf(this.sendBuffer);
		this.sendBuffer.clear();
		buffered.forEach(this.client::send);
		List<MonoSink<ClientSocket>> sinks = List.copyOf(this.pendingConnects);
		this.pendingConnects.clear();
		sinks.forEach((sink) -> sink.success(this));
		publish(new ConnectionEvent.Connected(sid, this.recovered));
		List<SocketIoPacket> received = List.copyOf(this.receiveBuffer);
		this.receiveBuffer.clear();
		received.forEach(this::onEvent);
	}

	private void onRefused(@Nullable JsonNode data) {
		String message = (data != null) ? data.path("message").asString("Connection refused") : "Connection refused";
		JsonNode details = (data != null && data.has("data")) ? data.get("data") : null;
		SocketIoConnectException error = new SocketIoConnectException(this.namespace, message, details, this.mapper);
		this.connectSent = false;
		this.active = false;
		failPendingConnects(error);
		publish(new ConnectionEvent.ConnectError(error, false));
		finish();
		this.client.socketInactive(this);
	}

	private void onServerDisconnect() {
		this.connected = false;
		this.active = false;
		failAcks(ConnectionEvent.SERVER_DISCONNECT);
		publish(new ConnectionEvent.Disconnected(ConnectionEvent.SERVER_DISCONNECT, false));
		finish();
		this.client.socketInactive(this);
	}

	/**
	 * The connection ended.
	 * @param reconnect whether the client is going to reconnect
	 */
	void onEngineClose(String reason, @Nullable Throwable cause, boolean reconnect) {
		boolean wasConnected = this.connected;
		this.connected = false;
		this.connectSent = false;
		this.id = null;
		this.receiveBuffer.clear();
		if (!this.active) {
			return;
		}
		failAcks(reason);
		String detail = reason + ((cause != null) ? ": " + cause.getMessage() : "");
		if (!this.everConnected) {
			this.active = false;
			SocketIoConnectException error = new SocketIoConnectException(this.namespace,
					"Could not connect to " + this.client.config().uri() + " (" + detail + ")", cause);
			failPendingConnects(error);
			publish(new ConnectionEvent.ConnectError(error, false));
			finish();
			return;
		}
		if (wasConnected) {
			publish(new ConnectionEvent.Disconnected(reason, reconnect));
		}
		else {
			publish(new ConnectionEvent.ConnectError(
					new SocketIoConnectException(this.namespace,
							"Reconnection to " + this.client.config().uri() + " failed (" + detail + ")", cause),
					reconnect));
		}
		if (!reconnect) {
			this.active = false;
			finish();
		}
	}

	void giveUp(SocketIoConnectException error) {
		if (this.active) {
			this.active = false;
			publish(new ConnectionEvent.ConnectError(error, false));
			finish();
		}
	}

	/**
	 * Disconnect by the client: the server is told if the socket is connected.
	 */
	void closeByClient() {
		boolean wasConnected = this.connected;
		if (wasConnected) {
			this.client.send(SocketIoPacket.disconnect(this.namespace));
		}
		this.connected = false;
		this.active = false;
		this.id = null;
		failPendingConnects(new SocketIoConnectException(this.namespace,
				"The client disconnected " + this.namespace + " before it was connected", null));
		failAcks(ConnectionEvent.CLIENT_DISCONNECT);
		if (wasConnected) {
			publish(new ConnectionEvent.Disconnected(ConnectionEvent.CLIENT_DISCONNECT, false));
		}
		finish();
	}

	@Override
	public Mono<Void> disconnect() {
		return Mono.create((sink) -> this.executor.execute(() -> {
			if (!this.finished) {
				closeByClient();
				this.client.socketInactive(this);
			}
			sink.success();
		}));
	}

	private void failPendingConnects(SocketIoConnectException error) {
		List<MonoSink<ClientSocket>> sinks = List.copyOf(this.pendingConnects);
		this.pendingConnects.clear();
		sinks.forEach((sink) -> sink.error(error));
	}

	private void finish() {
		this.finished = true;
		this.sendBuffer.clear();
		this.receiveBuffer.clear();
		this.listeners.complete();
	}

	// Events

	private void onEvent(SocketIoPacket packet) {
		ArrayNode data = (ArrayNode) Objects.requireNonNull(packet.data());
		JsonNode nameNode = data.get(0);
		String name = nameNode.isString() ? nameNode.stringValue() : nameNode.asString();
		List<JsonNode> args = new ArrayList<>(data.size() - 1);
		for (int i = 1; i < data.size(); i++) {
			args.add(data.get(i));
		}
		// Connection state recovery: the server appends its offset to what it may replay
		if (this.pid != null && !packet.hasAckId() && !args.isEmpty() && args.get(args.size() - 1).isString()) {
			this.lastOffset = args.get(args.size() - 1).stringValue();
		}
		ClientEvent event = new ClientEvent(name, args, packet.hasAckId(), this.mapper);
		if (packet.hasAckId()) {
			Function<ClientEvent, @Nullable Object> handler = this.requestHandlers.get(name);
			if (handler != null) {
				answer(handler, event, packet.ackId());
			}
		}
		this.listeners.deliver(event);
	}

	private void answer(Function<ClientEvent, @Nullable Object> handler, ClientEvent event, long ackId) {
		Object result;
		try {
			result = handler.apply(event);
		}
		catch (RuntimeException ex) {
			logger.warn("The handler of '" + event.name() + "' on " + this.namespace + " failed; no ack sent", ex);
			return;
		}
		if (result instanceof Publisher<?> publisher) {
			Mono.from(publisher)
				.map(Optional::<Object>of)
				.defaultIfEmpty(Optional.empty())
				.subscribe((reply) -> this.executor.execute(() -> sendAck(ackId, reply.orElse(null))), (ex) -> logger
					.warn("The handler of '" + event.name() + "' on " + this.namespace + " failed; no ack sent", ex));
		}
		else {
			sendAck(ackId, result);
		}
	}

	private void sendAck(long ackId, @Nullable Object reply) {
		if (!this.connected) {
			return;
		}
		this.client.send(SocketIoPacket.ack(this.namespace, this.payloads.ack(reply), ackId));
	}

	private void onAck(SocketIoPacket packet) {
		this.acks.complete(packet.ackId(), Objects.requireNonNull(packet.data()));
	}

	private void failAcks(String reason) {
		this.acks.failAll(reason);
	}

	@Override
	public void emit(String event, Object... args) {
		ArrayNode data = this.payloads.event(event, args);
		if (this.finished) {
			throw new SocketIoDisconnectedException("Cannot emit '" + event + "' on " + this.namespace,
					"disconnected for good");
		}
		this.executor.execute(() -> sendOrBuffer(SocketIoPacket.event(this.namespace, data)));
	}

	@Override
	public Mono<List<JsonNode>> emitWithAck(Duration timeout, String event, Object... args) {
		Objects.requireNonNull(timeout, "timeout");
		return Mono.defer(() -> {
			ArrayNode data = this.payloads.event(event, args);
			return Mono.create((sink) -> this.executor.execute(() -> {
				if (this.finished) {
					sink.error(new SocketIoDisconnectedException("Cannot emit '" + event + "' on " + this.namespace,
							"disconnected for good"));
					return;
				}
				long ackId = this.acks.register(event, timeout, sink);
				sendOrBuffer(SocketIoPacket.event(this.namespace, data, ackId));
			}));
		});
	}

	@Override
	public <T> Mono<T> emitWithAck(Duration timeout, Class<T> type, String event, Object... args) {
		return emitWithAck(timeout, event, args).flatMap((reply) -> {
			if (reply.isEmpty() || reply.get(0).isNull()) {
				return Mono.empty();
			}
			try {
				return Mono.justOrEmpty(this.mapper.treeToValue(reply.get(0), type));
			}
			catch (JacksonException ex) {
				return Mono.error(new IllegalArgumentException(
						"The ack of event '" + event + "' is not a " + type.getName() + ": " + ex.getOriginalMessage(),
						ex));
			}
		});
	}

	private void sendOrBuffer(SocketIoPacket packet) {
		if (this.connected) {
			this.client.send(packet);
		}
		else if (!this.finished) {
			this.sendBuffer.add(packet);
		}
	}

	@Override
	public Flux<ClientEvent> on(String event) {
		return this.listeners.on(Objects.requireNonNull(event, "event"));
	}

	@Override
	public <T> Flux<T> on(String event, Class<T> type) {
		return on(event).map((received) -> received.arg(0, type));
	}

	@Override
	public Flux<ClientEvent> onAny() {
		return this.listeners.onAny();
	}

	@Override
	public void onRequest(String event, Function<ClientEvent, @Nullable Object> handler) {
		this.requestHandlers.put(Objects.requireNonNull(event, "event"), Objects.requireNonNull(handler, "handler"));
	}

	@Override
	public Flux<ConnectionEvent> connectionEvents() {
		return this.listeners.connectionEvents();
	}

	private void publish(ConnectionEvent event) {
		this.listeners.publish(event);
	}

	@Override
	public String toString() {
		return "ClientSocket[" + this.namespace + ", id=" + this.id + (this.connected ? ", connected]" : "]");
	}

}
