package dev.realtime.socketio.redis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.realtime.socketio.cluster.ClusterPayloads;
import dev.realtime.socketio.cluster.SocketSnapshots;
import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.server.AckSender;
import dev.realtime.socketio.server.RemoteSocket;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.server.adapter.AdapterContext;
import dev.realtime.socketio.server.adapter.BroadcastAckHandler;
import dev.realtime.socketio.server.adapter.BroadcastOptions;
import org.jspecify.annotations.Nullable;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Handles what the other nodes (and emitters) send to the namespace: their broadcasts,
 * delivered to this node's sockets, and their requests on the request channel, answered
 * as a Node server with {@code @socket.io/redis-adapter} 8.3 does.
 */
final class RedisRequestHandler {

	private static final Logger logger = Loggers.getLogger(RedisRequestHandler.class);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final RedisAdapter adapter;

	private final String broadcastChannel;

	private final String responseChannel;

	private final boolean publishOnSpecificResponseChannel;

	RedisRequestHandler(RedisAdapter adapter, String broadcastChannel, String responseChannel,
			boolean publishOnSpecificResponseChannel) {
		this.adapter = adapter;
		this.broadcastChannel = broadcastChannel;
		this.responseChannel = responseChannel;
		this.publishOnSpecificResponseChannel = publishOnSpecificResponseChannel;
	}

	/** A broadcast from another node (or an emitter): deliver it to the local sockets. */
	void onBroadcast(String channel, byte[] message) {
		if (!channel.startsWith(this.broadcastChannel)) {
			return;
		}
		if (channel.length() > this.broadcastChannel.length()) {
			String room = channel.substring(this.broadcastChannel.length(), channel.length() - 1);
			if (!this.adapter.hasLocalRoom(room)) {
				return;
			}
		}
		JsonNode decoded = MsgPack.decode(message);
		if (!decoded.isArray() || decoded.size() < 3 || this.adapter.uid().equals(decoded.get(0).asString())) {
			return;
		}
		JsonNode packet = decoded.get(1);
		String namespace = packet.path("nsp").isString() ? packet.path("nsp").stringValue() : "/";
		if (!namespace.equals(this.adapter.namespace()) || !ClusterPayloads.isEvent(packet)) {
			return;
		}
		// Delivered as it is: a Java node with recovery on already appended the offset.
		this.adapter.deliverLocalBroadcast(SocketIoPacket.event(namespace, (ArrayNode) packet.get("data")),
				ClusterPayloads.readOptions(decoded.get(2)));
	}

	void onRequest(byte[] message) {
		JsonNode request;
		try {
			request = Messages.parse(message);
		}
		catch (RuntimeException ex) {
			logger.debug("Redis adapter ignored a malformed request", ex);
			return;
		}
		String requestId = request.path("requestId").asString("");
		switch (request.path("type").asInt(-1)) {
			case Messages.SOCKETS -> {
				if (!this.adapter.isOwnRequest(requestId)) {
					Set<String> rooms = new LinkedHashSet<>(rooms(request.path("rooms")));
					ObjectNode response = response(requestId);
					response.set("sockets", ClusterPayloads.strings(this.adapter.sockets(rooms)));
					respond(request, Messages.json(response));
				}
			}
			case Messages.ALL_ROOMS -> {
				if (!this.adapter.isOwnRequest(requestId)) {
					ObjectNode response = response(requestId);
					response.set("rooms", ClusterPayloads.strings(this.adapter.localRoomNames()));
					respond(request, Messages.json(response));
				}
			}
			case Messages.REMOTE_JOIN, Messages.REMOTE_LEAVE, Messages.REMOTE_DISCONNECT -> onRemoteChange(request);
			case Messages.REMOTE_FETCH -> {
				if (!this.adapter.isOwnRequest(requestId)) {
					onFetch(request, requestId);
				}
			}
			case Messages.SERVER_SIDE_EMIT -> onServerSideEmit(request, requestId);
			case Messages.BROADCAST -> {
				if (!this.adapter.isOwnRequest(requestId)) {
					onBroadcastWithAck(request, requestId);
				}
			}
			default -> logger.debug("Redis adapter ignored a request of unknown type " + request.path("type"));
		}
	}

	/**
	 * Bulk changes ({@code opts}) carry no request id: every node applies them, the
	 * sender included in Node; this node applied its own already. Changes of one socket
	 * ({@code sid}) are answered by the node that holds it.
	 */
	private void onRemoteChange(JsonNode request) {
		int type = request.path("type").asInt();
		JsonNode opts = request.path("opts");
		if (opts.isObject()) {
			if (this.adapter.uid().equals(request.path("uid").asString(""))) {
				return;
			}
			BroadcastOptions selection = ClusterPayloads.readOptions(opts);
			List<String> rooms = rooms(request.path("rooms"));
			if (type == Messages.REMOTE_JOIN) {
				this.adapter.addLocalSockets(selection, rooms);
			}
			else if (type == Messages.REMOTE_LEAVE) {
				this.adapter.delLocalSockets(selection, rooms);
			}
			else {
				this.adapter.disconnectLocalSockets(selection, request.path("close").asBoolean(false));
			}
			return;
		}
		@Nullable SocketIoSocket socket = this.adapter.adapterContext().socket(request.path("sid").asString(""));
		if (socket == null) {
			return;
		}
		if (type == Messages.REMOTE_JOIN) {
			socket.join(request.path("room").asString());
		}
		else if (type == Messages.REMOTE_LEAVE) {
			socket.leave(request.path("room").asString());
		}
		else {
			socket.disconnect(request.path("close").asBoolean(false));
		}
		respond(request, Messages.json(response(request.path("requestId").asString(""))));
	}

	private void onFetch(JsonNode request, String requestId) {
		AdapterContext context = this.adapter.adapterContext();
		ArrayNode sockets = NODES.arrayNode();
		for (RemoteSocket socket : this.adapter.selectLocalSockets(ClusterPayloads.readOptions(request.path("opts")))) {
			@Nullable Set<String> rooms = this.adapter.socketRooms(socket.id());
			sockets.add(SocketSnapshots.write(socket, (rooms != null) ? rooms : Set.of(), context.jsonMapper()));
		}
		ObjectNode response = response(requestId);
		response.set("sockets", sockets);
		respond(request, Messages.json(response));
	}

	private void onServerSideEmit(JsonNode request, String requestId) {
		if (this.adapter.uid().equals(request.path("uid").asString(""))) {
			return;
		}
		JsonNode data = request.path("data");
		if (!data.isArray() || data.isEmpty()) {
			return;
		}
		AdapterContext context = this.adapter.adapterContext();
		if (requestId.isEmpty()) {
			context.onServerSideEmit((ArrayNode) data);
			return;
		}
		context.onServerSideEmit((ArrayNode) data, new ServerSideEmitAck(requestId));
	}

	private void onBroadcastWithAck(JsonNode request, String requestId) {
		JsonNode packet = request.path("packet");
		if (!ClusterPayloads.isEvent(packet)) {
			return;
		}
		AdapterContext context = this.adapter.adapterContext();
		SocketIoPacket event = SocketIoPacket.event(context.namespace(), (ArrayNode) packet.get("data"),
				context.nextAckId());
		this.adapter.broadcastLocallyWithAck(event, ClusterPayloads.readOptions(request.path("opts")),
				new BroadcastAckHandler() {

					@Override
					public void clientCount(int clientCount) {
						ObjectNode response = NODES.objectNode();
						response.put("type", Messages.BROADCAST_CLIENT_COUNT);
						response.put("requestId", requestId);
						response.put("clientCount", clientCount);
						RedisRequestHandler.this.respond(request, Messages.json(response));
					}

					@Override
					public void ack(JsonNode answer) {
						ObjectNode response = NODES.objectNode();
						response.put("type", Messages.BROADCAST_ACK);
						response.put("requestId", requestId);
						response.set("packet", answer);
						RedisRequestHandler.this.respond(request, MsgPack.encode(response));
					}

				});
	}

	/** Answer a request on the shared response channel, or the requester's own. */
	private void respond(JsonNode request, byte[] response) {
		String target = this.publishOnSpecificResponseChannel
				? this.responseChannel + request.path("uid").asString("") + "#" : this.responseChannel;
		this.adapter.publish(target, response);
	}

	/**
	 * Answer a server-side emit; Node always uses the shared response channel for these.
	 */
	private void respondToServerSideEmit(byte[] response) {
		this.adapter.publish(this.responseChannel, response);
	}

	private static ObjectNode response(String requestId) {
		return NODES.objectNode().put("requestId", requestId);
	}

	private static List<String> rooms(JsonNode array) {
		List<String> rooms = new ArrayList<>();
		for (JsonNode room : array) {
			rooms.add(room.asString());
		}
		return rooms;
	}

	/** Sends the first answer of this node's listeners back to the emitting node. */
	private final class ServerSideEmitAck implements AckSender {

		private final String requestId;

		private final AtomicBoolean sent = new AtomicBoolean();

		ServerSideEmitAck(String requestId) {
			this.requestId = requestId;
		}

		@Override
		public void send(Object... args) {
			if (!this.sent.compareAndSet(false, true)) {
				return;
			}
			JsonNode answer = (args.length > 0 && args[0] != null)
					? RedisRequestHandler.this.adapter.adapterContext().jsonMapper().valueToTree(args[0])
					: NODES.nullNode();
			ObjectNode response = NODES.objectNode();
			response.put("type", Messages.SERVER_SIDE_EMIT);
			response.put("requestId", this.requestId);
			response.set("data", answer);
			RedisRequestHandler.this.respondToServerSideEmit(Messages.json(response));
		}

	}

}
