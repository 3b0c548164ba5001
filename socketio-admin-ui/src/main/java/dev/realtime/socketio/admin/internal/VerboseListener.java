package dev.realtime.socketio.admin.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.realtime.socketio.engine.EngineIoServerListener;
import dev.realtime.socketio.engine.EngineIoSocket;
import dev.realtime.socketio.server.DisconnectReason;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.SocketIoServerListener;
import dev.realtime.socketio.server.SocketIoSocket;

/**
 * Development mode: tells the admin namespace of every socket that connects, changes
 * transport, joins or leaves a room, receives or sends an event, and disconnects. Each
 * message is a broadcast on the admin namespace, so with a cluster adapter the admins
 * connected to other nodes see this node's sockets too.
 */
final class VerboseListener implements SocketIoServerListener, EngineIoServerListener {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final Namespace admin;

	private final SocketSerializer serializer;

	/** The local sockets of each connection, to report a transport upgrade. */
	private final Map<String, Set<SocketIoSocket>> byConnection = new ConcurrentHashMap<>();

	VerboseListener(Namespace admin, SocketSerializer serializer) {
		this.admin = admin;
		this.serializer = serializer;
	}

	/** A JavaScript {@code Date} as JSON writes it. */
	static String now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
	}

	@Override
	public void socketConnected(SocketIoSocket socket) {
		SocketSerializer.tag(socket);
		this.byConnection.computeIfAbsent(socket.conn().id(), (id) -> ConcurrentHashMap.newKeySet(1)).add(socket);
		String nsp = socket.namespace().name();
		this.admin.emit("socket_connected", this.serializer.serialize(socket, nsp), now());
		if (socket.namespace() != this.admin) {
			socket.onAny(
					(event, args) -> this.admin.emit("event_received", nsp, socket.id(), withName(event, args), now()));
			socket.onAnyOutgoing(
					(event, args) -> this.admin.emit("event_sent", nsp, socket.id(), withName(event, args), now()));
		}
	}

	/** Listeners get the arguments only; the UI wants the name first. */
	private static ArrayNode withName(String event, ArrayNode args) {
		ArrayNode all = NODES.arrayNode(args.size() + 1);
		all.add(event);
		all.addAll(args);
		return all;
	}

	@Override
	public void socketDisconnected(SocketIoSocket socket, DisconnectReason reason) {
		this.byConnection.computeIfPresent(socket.conn().id(), (id, sockets) -> {
			sockets.remove(socket);
			return sockets.isEmpty() ? null : sockets;
		});
		this.admin.emit("socket_disconnected", socket.namespace().name(), socket.id(), reason.wireName(), now());
	}

	@Override
	public void roomJoined(String namespace, String room, String socketId) {
		this.admin.emit("room_joined", namespace, room, socketId, now());
	}

	@Override
	public void roomLeft(String namespace, String room, String socketId) {
		this.admin.emit("room_left", namespace, room, socketId, now());
	}

	@Override
	public void sessionUpgraded(EngineIoSocket session) {
		Set<SocketIoSocket> sockets = this.byConnection.get(session.id());
		if (sockets == null) {
			return;
		}
		String transport = session.transport().wireName();
		for (SocketIoSocket socket : sockets) {
			SocketSerializer.retag(socket, transport);
			ObjectNode update = NODES.objectNode()
				.put("id", socket.id())
				.put("nsp", socket.namespace().name())
				.put("transport", transport);
			this.admin.emit("socket_updated", update);
		}
	}

}
