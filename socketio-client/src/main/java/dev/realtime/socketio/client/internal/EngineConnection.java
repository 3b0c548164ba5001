package dev.realtime.socketio.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

import dev.realtime.socketio.client.ConnectionEvent;
import dev.realtime.socketio.client.Transport;
import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.engine.packet.EnginePacketType;

/**
 * One Engine.IO v4 session seen from the client: the handshake, the heartbeat, the
 * upgrade from polling to WebSocket, and the messages in both directions. Used on the
 * client's executor only.
 */
final class EngineConnection implements EngineTransport.Listener {

	private static final EnginePacket PROBE = EnginePacket.of(EnginePacketType.PING, "probe");

	private static final EnginePacket UPGRADE = EnginePacket.of(EnginePacketType.UPGRADE, "");

	private final ClientConfig config;

	private final ClientExecutor executor;

	private final Listener listener;

	private volatile EngineTransport transport;

	private @Nullable WebSocketTransport probe;

	/**
	 * Messages sent while polling is paused for the upgrade; flushed on the WebSocket.
	 */
	private final List<EnginePacket> upgradeBuffer = new ArrayList<>();

	private boolean upgrading;

	private boolean open;

	private boolean closed;

	private @Nullable String sid;

	private Duration heartbeatTimeout = Duration.ZERO;

	private @Nullable Disposable heartbeat;

	EngineConnection(ClientConfig config, ClientExecutor executor, Listener listener) {
		this.config = config;
		this.executor = executor;
		this.listener = listener;
		this.transport = create(config.transports().get(0), null);
	}

	private EngineTransport create(Transport kind, @Nullable String sid) {
		return (kind == Transport.WEBSOCKET) ? new WebSocketTransport(this.config, sid, this.executor, this)
				: new PollingTransport(this.config, this.executor, this);
	}

	void open() {
		this.transport.open();
	}

	Transport transport() {
		return this.transport.kind();
	}

	void send(List<EnginePacket> packets) {
		if (this.closed) {
			return;
		}
		if (this.upgrading) {
			this.upgradeBuffer.addAll(packets);
		}
		else {
			this.transport.send(packets);
		}
	}

	/**
	 * Close the session on purpose; the listener is not called.
	 */
	void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		stopHeartbeat();
		abortProbe();
		if (this.upgrading) {
			this.transport.send(List.copyOf(this.upgradeBuffer));
		}
		this.transport.close();
	}

	@Override
	public void onTransportOpen(EngineTransport transport) {
		if (transport == this.probe) {
			transport.send(List.of(PROBE));
		}
	}

	@Override
	public void onPacket(EngineTransport transport, EnginePacket packet) {
		if (this.closed) {
			return;
		}
		if (transport == this.probe) {
			onProbePacket(packet);
			return;
		}
		if (transport != this.transport) {
			return;
		}
		switch (packet.type()) {
			case OPEN -> onOpen(packet);
			case PING -> {
				resetHeartbeat();
				send(List.of(EnginePacket.PONG));
			}
			case MESSAGE -> this.listener.onMessage(packet);
			case CLOSE -> fail(ConnectionEvent.TRANSPORT_CLOSE, null);
			default -> {
				// EIO4: noop and pong need no answer
			}
		}
	}

	private void onOpen(EnginePacket packet) {
		JsonNode handshake;
		try {
			handshake = this.config.mapper().readTree(packet.text());
		}
		catch (RuntimeException ex) {
			fail(ConnectionEvent.TRANSPORT_ERROR,
					new EngineTransportException("Unreadable handshake: " + packet.text()));
			return;
		}
		String sid = handshake.path("sid").asString("");
		if (sid.isEmpty()) {
			fail(ConnectionEvent.TRANSPORT_ERROR,
					new EngineTransportException("Handshake without sid: " + packet.text()));
			return;
		}
		this.sid = sid;
		// EIO4 heartbeat: a connection is dead when no ping came within pingInterval +
		// pingTimeout
		this.heartbeatTimeout = Duration
			.ofMillis(handshake.path("pingInterval").asLong(25000) + handshake.path("pingTimeout").asLong(20000));
		if (this.transport instanceof PollingTransport polling) {
			polling.sid(sid);
		}
		this.open = true;
		resetHeartbeat();
		this.listener.onOpen(this);
		if (!this.closed && this.transport.kind() == Transport.POLLING && this.config.upgrade()
				&& this.config.transports().contains(Transport.WEBSOCKET)
				&& offersWebSocket(handshake.path("upgrades"))) {
			WebSocketTransport candidate = new WebSocketTransport(this.config, sid, this.executor, this);
			this.probe = candidate;
			candidate.open();
		}
	}

	private static boolean offersWebSocket(JsonNode upgrades) {
		for (JsonNode upgrade : upgrades) {
			if ("websocket".equals(upgrade.asString(""))) {
				return true;
			}
		}
		return false;
	}

	private void onProbePacket(EnginePacket packet) {
		if (packet.type() == EnginePacketType.PONG && "probe".equals(packet.text()) && !this.upgrading) {
			// EIO4 upgrade: pause polling, then send the upgrade packet over the
			// WebSocket
			this.upgrading = true;
			this.transport.pause(this::completeUpgrade);
		}
		else {
			probeFailed();
		}
	}

	private void completeUpgrade() {
		WebSocketTransport webSocket = this.probe;
		if (webSocket == null || this.closed) {
			return;
		}
		this.probe = null;
		webSocket.send(List.of(UPGRADE));
		this.transport.abort();
		this.transport = webSocket;
		this.upgrading = false;
		if (!this.upgradeBuffer.isEmpty()) {
			webSocket.send(List.copyOf(this.upgradeBuffer));
			this.upgradeBuffer.clear();
		}
	}

	private void probeFailed() {
		abortProbe();
		if (this.upgrading) {
			this.upgrading = false;
			this.transport.resume();
			this.transport.send(List.copyOf(this.upgradeBuffer));
			this.upgradeBuffer.clear();
		}
	}

	private void abortProbe() {
		if (this.probe != null) {
			this.probe.abort();
			this.probe = null;
		}
	}

	@Override
	public void onTransportError(EngineTransport transport, Throwable error) {
		if (transport == this.probe) {
			probeFailed();
		}
		else if (transport == this.transport) {
			fail(ConnectionEvent.TRANSPORT_ERROR, error);
		}
	}

	@Override
	public void onTransportClose(EngineTransport transport) {
		if (transport == this.probe) {
			probeFailed();
		}
		else if (transport == this.transport) {
			fail(ConnectionEvent.TRANSPORT_CLOSE, null);
		}
	}

	private void resetHeartbeat() {
		stopHeartbeat();
		this.heartbeat = this.executor.schedule(() -> fail(ConnectionEvent.PING_TIMEOUT, null), this.heartbeatTimeout);
	}

	private void stopHeartbeat() {
		if (this.heartbeat != null) {
			this.heartbeat.dispose();
			this.heartbeat = null;
		}
	}

	private void fail(String reason, @Nullable Throwable cause) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		stopHeartbeat();
		abortProbe();
		this.transport.abort();
		this.listener.onClose(this, reason, cause, this.open);
	}

	/**
	 * Receives what happens to a session, on the client's executor.
	 */
	interface Listener {

		void onOpen(EngineConnection connection);

		void onMessage(EnginePacket packet);

		/**
		 * The session ended without {@link EngineConnection#close()}.
		 * @param wasOpen whether the handshake had completed
		 */
		void onClose(EngineConnection connection, String reason, @Nullable Throwable cause, boolean wasOpen);

	}

}
