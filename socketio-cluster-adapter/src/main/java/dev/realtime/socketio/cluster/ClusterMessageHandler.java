package dev.realtime.socketio.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.server.AckSender;
import dev.realtime.socketio.server.RemoteSocket;
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
 * Handles what another node of a {@code ClusterAdapter} cluster (or an emitter) sends:
 * broadcasts for this node's sockets, room changes and disconnections, and requests,
 * answered as the Node {@code socket.io-adapter} 2.5 answers them.
 */
final class ClusterMessageHandler {

	private static final Logger logger = Loggers.getLogger(ClusterMessageHandler.class);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final ClusterAdapter adapter;

	ClusterMessageHandler(ClusterAdapter adapter) {
		this.adapter = adapter;
	}

	void onRequest(JsonNode message, String offset) {
		JsonNode data = message.path("data");
		String sender = message.path("uid").asString("");
		switch (message.path("type").asInt(-1)) {
			case ClusterMessages.BROADCAST -> onBroadcast(sender, data, offset);
			case ClusterMessages.SOCKETS_JOIN ->
				this.adapter.addLocalSockets(ClusterPayloads.readOptions(data.path("opts")), texts(data.path("rooms")));
			case ClusterMessages.SOCKETS_LEAVE ->
				this.adapter.delLocalSockets(ClusterPayloads.readOptions(data.path("opts")), texts(data.path("rooms")));
			case ClusterMessages.DISCONNECT_SOCKETS -> this.adapter.disconnectLocalSockets(
					ClusterPayloads.readOptions(data.path("opts")), data.path("close").asBoolean(false));
			case ClusterMessages.FETCH_SOCKETS -> onFetch(sender, data);
			case ClusterMessages.SERVER_SIDE_EMIT -> onServerSideEmit(sender, data);
			case ClusterMessages.INITIAL_HEARTBEAT, ClusterMessages.HEARTBEAT, ClusterMessages.ADAPTER_CLOSE -> {
				// Node membership, handled by adapters that track it
			}
			default -> logger.debug("Cluster adapter ignored a message of unknown type " + message.path("type"));
		}
	}

	private void onBroadcast(String sender, JsonNode data, String offset) {
		JsonNode packet = data.path("packet");
		if (!ClusterPayloads.isEvent(packet)) {
			return;
		}
		ArrayNode args = (ArrayNode) packet.get("data");
		BroadcastOptions options = ClusterPayloads.readOptions(data.path("opts"));
		String requestId = data.path("requestId").asString("");
		AdapterContext context = this.adapter.adapterContext();
		if (!data.path("requestId").isMissingNode()) {
			SocketIoPacket event = SocketIoPacket.event(context.namespace(), args, context.nextAckId());
			this.adapter.broadcastLocallyWithAck(event, options, new AckRelay(sender, requestId));
			return;
		}
		boolean recoverable = this.adapter.recoveryEnabled() && !options.volatileFlag()
				&& packet.path("id").isMissingNode();
		SocketIoPacket event = recoverable ? ClusterAdapter.withOffset(context.namespace(), args, offset)
				: SocketIoPacket.event(context.namespace(), args);
		this.adapter.deliverLocalBroadcast(event, options);
	}

	private void onFetch(String sender, JsonNode data) {
		AdapterContext context = this.adapter.adapterContext();
		ArrayNode sockets = NODES.arrayNode();
		for (RemoteSocket socket : this.adapter.selectLocalSockets(ClusterPayloads.readOptions(data.path("opts")))) {
			@Nullable Set<String> rooms = this.adapter.socketRooms(socket.id());
			sockets.add(SocketSnapshots.write(socket, (rooms != null) ? rooms : Set.of(), context.jsonMapper()));
		}
		ObjectNode response = NODES.objectNode();
		response.put("requestId", data.path("requestId").asString(""));
		response.set("sockets", sockets);
		this.adapter.respond(sender, ClusterMessages.FETCH_SOCKETS_RESPONSE, response);
	}

	private void onServerSideEmit(String sender, JsonNode data) {
		JsonNode packet = data.path("packet");
		if (!packet.isArray() || packet.isEmpty()) {
			return;
		}
		AdapterContext context = this.adapter.adapterContext();
		if (data.path("requestId").isMissingNode()) {
			context.onServerSideEmit((ArrayNode) packet);
			return;
		}
		context.onServerSideEmit((ArrayNode) packet, new ServerSideEmitAck(sender, data.path("requestId").asString()));
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((element) -> texts.add(element.asString()));
		return texts;
	}

	/** Relays the client count and the acknowledgements of a broadcast to its sender. */
	private final class AckRelay implements BroadcastAckHandler {

		private final String sender;

		private final String requestId;

		AckRelay(String sender, String requestId) {
			this.sender = sender;
			this.requestId = requestId;
		}

		@Override
		public void clientCount(int clientCount) {
			ObjectNode response = NODES.objectNode();
			response.put("requestId", this.requestId);
			response.put("clientCount", clientCount);
			ClusterMessageHandler.this.adapter.respond(this.sender, ClusterMessages.BROADCAST_CLIENT_COUNT, response);
		}

		@Override
		public void ack(JsonNode answer) {
			ObjectNode response = NODES.objectNode();
			response.put("requestId", this.requestId);
			response.set("packet", answer);
			ClusterMessageHandler.this.adapter.respond(this.sender, ClusterMessages.BROADCAST_ACK, response);
		}

	}

	/** Sends the first answer of this node's listeners back to the emitting node. */
	private final class ServerSideEmitAck implements AckSender {

		private final String sender;

		private final String requestId;

		private final AtomicBoolean sent = new AtomicBoolean();

		ServerSideEmitAck(String sender, String requestId) {
			this.sender = sender;
			this.requestId = requestId;
		}

		@Override
		public void send(Object... args) {
			if (!this.sent.compareAndSet(false, true)) {
				return;
			}
			JsonNode answer = (args.length > 0)
					? ClusterPayloads.tree(ClusterMessageHandler.this.adapter.adapterContext().jsonMapper(), args[0])
					: NODES.nullNode();
			ObjectNode response = NODES.objectNode();
			response.put("requestId", this.requestId);
			response.set("packet", answer);
			ClusterMessageHandler.this.adapter.respond(this.sender, ClusterMessages.SERVER_SIDE_EMIT_RESPONSE,
					response);
		}

	}

}
