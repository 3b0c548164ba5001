package dev.realtime.socketio.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.realtime.socketio.engine.EngineIoCloseReason;
import dev.realtime.socketio.engine.EngineIoSocket;
import dev.realtime.socketio.engine.EngineIoSocketListener;
import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.internal.RandomIds;
import dev.realtime.socketio.internal.RateLimitedLog;
import dev.realtime.socketio.protocol.SocketIoLimitExceededException;
import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.protocol.SocketIoParser;
import dev.realtime.socketio.protocol.SocketIoPacketType;
import dev.realtime.socketio.protocol.SocketIoParseException;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Socket.IO side of one Engine.IO session: decodes packets and routes them to the
 * namespace sockets multiplexed on the connection. Confined to the session's context.
 */
final class SocketIoClient implements EngineIoSocketListener {

	private static final Logger logger = Loggers.getLogger(SocketIoClient.class);

	private static final RateLimitedLog limitLog = new RateLimitedLog(logger);

	private final SocketIoServer server;

	private final EngineIoSocket conn;

	private final SocketIoParser.Decoder decoder;

	/** A Socket.IO 2.x client, over Engine.IO v3 ({@link LegacySocketIo}). */
	private final boolean legacy;

	/**
	 * The socket of a namespace; almost every connection has one only, so no map for it.
	 */
	private @Nullable DefaultSocketIoSocket first;

	/** The sockets of further namespaces, created by the second one. */
	private @Nullable Map<String, DefaultSocketIoSocket> others;

	/**
	 * Namespaces whose CONNECT is going through the middlewares; created by the first
	 * one.
	 */
	private @Nullable Set<String> connecting;

	private @Nullable ScheduledFuture<?> connectTimeoutTask;

	SocketIoClient(SocketIoServer server, EngineIoSocket conn) {
		this.server = server;
		this.conn = conn;
		this.decoder = server.parser().newDecoder();
		this.legacy = LegacySocketIo.isLegacy(conn);
		conn.setListener(this);
		this.connectTimeoutTask = schedule(this::onConnectTimeout, server.options().connectTimeout().toMillis());
		if (this.legacy) {
			// Socket.IO v4 protocol: a 2.x client is in the main namespace without
			// asking.
			connect(SocketIoPacket.MAIN_NAMESPACE, null);
		}
	}

	boolean legacy() {
		return this.legacy;
	}

	/** The id of a new socket of a namespace on this connection. */
	String newSocketId(String namespace) {
		return this.legacy ? LegacySocketIo.socketId(namespace, this.conn.id()) : RandomIds.next();
	}

	EngineIoSocket conn() {
		return this.conn;
	}

	void execute(Runnable task) {
		this.conn.execute(task);
	}

	/**
	 * Run a task in the connection's context after a delay; the timer fires on its home
	 * loop.
	 */
	ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
		return this.conn.eventLoop().schedule(() -> this.conn.execute(task), delayMillis, TimeUnit.MILLISECONDS);
	}

	// Inbound

	@Override
	public void onText(String text) {
		SocketIoPacket packet;
		try {
			packet = this.decoder.decodeText(text);
		}
		catch (SocketIoParseException ex) {
			onParseError(ex);
			return;
		}
		if (packet != null) {
			onPacket(packet);
		}
	}

	@Override
	public void onBinary(byte[] data) {
		SocketIoPacket packet;
		try {
			packet = this.decoder.decodeBinary(data);
		}
		catch (SocketIoParseException ex) {
			onParseError(ex);
			return;
		}
		if (packet != null) {
			onPacket(packet);
		}
	}

	private void onParseError(SocketIoParseException ex) {
		if (ex instanceof SocketIoLimitExceededException) {
			// A client meeting a limit may be legitimate (the limit set too low): say
			// which one.
			limitLog.warn(() -> "Closing session " + this.conn.id() + ": " + ex.getMessage());
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Closing session " + this.conn.id() + ": " + ex.getMessage());
		}
		this.server.metrics().parseError();
		for (DefaultSocketIoSocket socket : sockets()) {
			socket.notifyError(ex);
		}
		this.conn.close(EngineIoCloseReason.PARSE_ERROR);
	}

	private void onPacket(SocketIoPacket packet) {
		if (packet.type() == SocketIoPacketType.CONNECT) {
			String namespace = this.legacy ? LegacySocketIo.namespaceName(packet.namespace()) : packet.namespace();
			if (socket(namespace) != null || (this.connecting != null && this.connecting.contains(namespace))) {
				// A second CONNECT for a joined namespace: the reference closes the
				// connection.
				closeForInvalidState();
				return;
			}
			connect(namespace, this.legacy ? LegacySocketIo.auth(packet.namespace()) : packet.data());
			return;
		}
		DefaultSocketIoSocket socket = socket(packet.namespace());
		if (socket != null && packet.type() != SocketIoPacketType.CONNECT_ERROR) {
			socket.onPacket(packet);
		}
		else {
			closeForInvalidState();
		}
	}

	/**
	 * A well-formed packet the connection's state does not allow (Socket.IO v5: a packet
	 * for a namespace that was not joined, a second CONNECT, a CONNECT_ERROR from the
	 * client): the reference closes the connection, its sockets seeing
	 * {@code forced server close}.
	 */
	private void closeForInvalidState() {
		for (DefaultSocketIoSocket socket : sockets()) {
			socket.onClose(DisconnectReason.FORCED_SERVER_CLOSE, "");
		}
		clearSockets();
		this.conn.close(EngineIoCloseReason.FORCED_CLOSE);
	}

	private void connect(String name, @Nullable JsonNode data) {
		ServerListeners metrics = this.server.metrics();
		long start = metrics.isEmpty() ? 0 : System.nanoTime();
		ObjectNode auth = (data instanceof ObjectNode object) ? object : JsonNodeFactory.instance.objectNode();
		DefaultNamespace namespace = this.server.namespaceFor(name, auth);
		if (namespace == null) {
			ObjectNode error = JsonNodeFactory.instance.objectNode().put("message", "Invalid namespace");
			send(SocketIoPacket.connectError(name, error));
			if (!metrics.isEmpty()) {
				metrics.handshakeCompleted(name, SocketIoServerListener.REJECTED, System.nanoTime() - start);
			}
			return;
		}
		Set<String> connecting = this.connecting;
		if (connecting == null) {
			connecting = new HashSet<>(4);
			this.connecting = connecting;
		}
		connecting.add(name);
		namespace.add(this, auth, start);
	}

	void onConnected(DefaultSocketIoSocket socket) {
		connectDone(socket.namespace().name());
		putSocket(socket);
		if (this.connectTimeoutTask != null) {
			this.connectTimeoutTask.cancel(false);
			this.connectTimeoutTask = null;
		}
	}

	void onConnectFailed(String namespace) {
		connectDone(namespace);
	}

	private void connectDone(String namespace) {
		Set<String> connecting = this.connecting;
		if (connecting != null && connecting.remove(namespace) && connecting.isEmpty()) {
			this.connecting = null;
		}
	}

	void remove(DefaultSocketIoSocket socket) {
		if (this.first == socket) {
			this.first = null;
		}
		else if (this.others != null) {
			this.others.remove(socket.namespace().name(), socket);
		}
	}

	private @Nullable DefaultSocketIoSocket socket(String namespace) {
		DefaultSocketIoSocket first = this.first;
		if (first != null && first.namespace().name().equals(namespace)) {
			return first;
		}
		return (this.others != null) ? this.others.get(namespace) : null;
	}

	private void putSocket(DefaultSocketIoSocket socket) {
		String name = socket.namespace().name();
		DefaultSocketIoSocket first = this.first;
		if (first == null || first.namespace().name().equals(name)) {
			if (this.others != null) {
				this.others.remove(name);
			}
			this.first = socket;
			return;
		}
		if (this.others == null) {
			this.others = new HashMap<>(4);
		}
		this.others.put(name, socket);
	}

	/** A copy of the sockets, to iterate while they close. */
	private List<DefaultSocketIoSocket> sockets() {
		List<DefaultSocketIoSocket> sockets = new ArrayList<>((this.others != null) ? this.others.size() + 1 : 1);
		if (this.first != null) {
			sockets.add(this.first);
		}
		if (this.others != null) {
			sockets.addAll(this.others.values());
		}
		return sockets;
	}

	private void clearSockets() {
		this.first = null;
		this.others = null;
	}

	private void onConnectTimeout() {
		if (this.first == null && (this.others == null || this.others.isEmpty()) && this.conn.isOpen()) {
			this.server.metrics().connectTimedOut();
			this.conn.close(EngineIoCloseReason.FORCED_CLOSE);
		}
	}

	@Override
	public void onClose(String reason, String description) {
		if (this.connectTimeoutTask != null) {
			this.connectTimeoutTask.cancel(false);
			this.connectTimeoutTask = null;
		}
		this.decoder.reset();
		DisconnectReason disconnectReason = disconnectReason(reason);
		for (DefaultSocketIoSocket socket : sockets()) {
			socket.onClose(disconnectReason, description);
		}
		clearSockets();
	}

	/**
	 * The engine's close reasons have the same names as the Socket.IO ones; a reason of
	 * the application's own, given to {@link EngineIoSocket#close(String)}, is a forced
	 * close.
	 */
	private static DisconnectReason disconnectReason(String engineReason) {
		DisconnectReason reason = DisconnectReason.fromWireName(engineReason);
		return (reason != null) ? reason : DisconnectReason.FORCED_CLOSE;
	}

	// Outbound

	void send(SocketIoPacket packet) {
		this.conn.send(this.server.parser().encode(packet));
	}

	void write(List<EnginePacket> packets, boolean volatileFlag) {
		if (volatileFlag) {
			this.conn.sendVolatile(packets);
		}
		else {
			this.conn.send(packets);
		}
	}

	/**
	 * Disconnect every namespace, then close the connection (socket.disconnect(true)).
	 */
	void disconnectAll() {
		for (DefaultSocketIoSocket socket : sockets()) {
			socket.disconnectNamespace();
		}
		this.conn.close(EngineIoCloseReason.FORCED_CLOSE);
	}

	/** Close the connection without DISCONNECT packets, as the server stops. */
	void closeForShutdown() {
		for (DefaultSocketIoSocket socket : sockets()) {
			socket.onClose(DisconnectReason.SERVER_SHUTTING_DOWN, "");
		}
		clearSockets();
		this.conn.close(EngineIoCloseReason.SERVER_SHUTTING_DOWN);
	}

}
