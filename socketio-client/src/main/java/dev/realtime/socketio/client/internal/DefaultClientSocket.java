package dev.realtime.socketio.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.realtime.socketio.client.ClientEvent;
import dev.realtime.socketio.client.ClientSocket;
import dev.realtime.socketio.client.ConnectionEvent;
import dev.realtime.socketio.client.SocketIoConnectException;
import dev.realtime.socketio.protocol.SocketIoPacket;

/**
 * A namespace socket of a {@link DefaultSocketIoClient}: its connection lifecycle and
 * what it receives; what it emits goes through its {@link SocketOutbox}. Its state is
 * changed on the client's executor only; the few fields read from other threads are
 * volatile.
 */
final class DefaultClientSocket implements ClientSocket {

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

	private final RecoveryState recovery = new RecoveryState();

	private final List<SocketIoPacket> receiveBuffer = new ArrayList<>();

	private final PendingConnects pendingConnects;

	private final SocketListeners listeners;

	private final SocketOutbox outbox;

	private final Payloads payloads;

	private final RequestHandlers requestHandlers;

	DefaultClientSocket(DefaultSocketIoClient client, String namespace, @Nullable Object auth) {
		this.client = client;
		this.namespace = namespace;
		this.auth = auth;
		this.mapper = client.config().mapper();
		this.executor = client.executor();
		this.listeners = new SocketListeners(this.executor);
		this.pendingConnects = new PendingConnects(this.executor);
		this.payloads = new Payloads(this.mapper);
		this.outbox = new SocketOutbox(this, client, this.payloads);
		this.requestHandlers = new RequestHandlers(namespace, this.executor, this::sendAck);
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
		this.pendingConnects.add(sink, () -> {
			// Nobody waits for a first connection any more: give it up
			if (!this.everConnected && this.active) {
				this.active = false;
				finish();
				this.client.socketInactive(this);
			}
		});
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
		return this.payloads.auth(this.namespace, this.auth);
	}

	private void sendConnect(ObjectNode payload) {
		this.recovery.addTo(payload);
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
		this.recovered = this.recovery.connected(data);
		this.id = sid;
		this.connected = true;
		this.everConnected = true;
		this.connectSent = false;
		this.outbox.flush();
		this.pendingConnects.succeed(this);
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
		this.pendingConnects.fail(error);
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
			this.pendingConnects.fail(error);
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
		this.pendingConnects.fail(new SocketIoConnectException(this.namespace,
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

	private void finish() {
		this.finished = true;
		this.outbox.clear();
		this.receiveBuffer.clear();
		this.listeners.complete();
	}

	// Events

	private void onEvent(SocketIoPacket packet) {
		ClientEvent event = this.payloads.received(packet);
		this.recovery.eventReceived(event.ackRequested(), event.args());
		if (packet.hasAckId()) {
			this.requestHandlers.answer(event, packet.ackId());
		}
		this.listeners.deliver(event);
	}

	private void sendAck(long ackId, @Nullable Object reply) {
		if (!this.connected) {
			return;
		}
		this.client.send(SocketIoPacket.ack(this.namespace, this.payloads.ack(reply), ackId));
	}

	private void onAck(SocketIoPacket packet) {
		this.outbox.ackReceived(packet.ackId(), Objects.requireNonNull(packet.data()));
	}

	private void failAcks(String reason) {
		this.outbox.failAcks(reason);
	}

	@Override
	public void emit(String event, Object... args) {
		this.outbox.emit(event, args);
	}

	@Override
	public Mono<List<JsonNode>> emitWithAck(Duration timeout, String event, Object... args) {
		return this.outbox.emitWithAck(timeout, event, args);
	}

	@Override
	public <T> Mono<T> emitWithAck(Duration timeout, Class<T> type, String event, Object... args) {
		return this.outbox.emitWithAck(timeout, type, event, args);
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
		this.requestHandlers.put(event, handler);
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
