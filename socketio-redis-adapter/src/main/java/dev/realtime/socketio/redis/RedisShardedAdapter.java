package dev.realtime.socketio.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.realtime.socketio.cluster.ClusterMessages;
import dev.realtime.socketio.redis.RedisAdapterOptions.ShardedSubscriptionMode;
import dev.realtime.socketio.server.adapter.AdapterContext;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The adapter of one namespace on Redis sharded pub/sub (Redis 7+, {@code SPUBLISH} /
 * {@code SSUBSCRIBE}), with the channels and messages of the Node
 * {@code @socket.io/redis-adapter} 8.3 {@code createShardedAdapter}, so Java and Node
 * servers share one cluster.
 * <p>
 * Every node subscribes to the namespace's channel {@code <prefix>#<nsp>#} and to its own
 * {@code <prefix>#<nsp>#<uid>#}, where the answers to its requests arrive. In the dynamic
 * subscription modes, a broadcast to a single room goes to
 * {@code <prefix>#<nsp>#<room>#}, which only the nodes with sockets in that room
 * subscribe to: on a Redis Cluster each channel lives on the master of its slot, so the
 * traffic of a namespace spreads over the shards. Messages are JSON, MessagePack when
 * they carry binary data; the servers are counted as the shard subscribers of the
 * namespace's channel.
 * <p>
 * When Redis is unreachable, delivery to this node's sockets goes on; requests to the
 * other nodes fail with a {@link RedisAdapterException}. Created by
 * {@link RedisAdapterFactory} with {@link RedisAdapterOptions.Builder#sharded(boolean)}.
 *
 * @since 0.1.0
 */
public class RedisShardedAdapter extends RedisClusterAdapterSupport {

	private static final Logger logger = Loggers.getLogger(RedisShardedAdapter.class);

	/** Node's {@code looksLikeASocketId}: socket ids are 20 characters long. */
	private static final int SOCKET_ID_LENGTH = 20;

	private final ShardedSubscriptionMode mode;

	private final String channel;

	private final Map<String, Consumer<byte[]>> subscriptions;

	private final Map<String, Consumer<byte[]>> roomSubscriptions = new ConcurrentHashMap<>();

	private final Consumer<byte[]> receiver = this::onRawMessage;

	RedisShardedAdapter(AdapterContext context, RedisConnections connections, RedisAdapterOptions options) {
		super(context, connections, options.requestTimeout());
		this.mode = options.subscriptionMode();
		this.channel = options.keyPrefix() + "#" + context.namespace() + "#";
		this.subscriptions = Map.of(this.channel, this.receiver, this.channel + uid() + "#", this.receiver);
		connections.ssubscribe(this.subscriptions)
			.subscribe(null, (error) -> logger
				.warn("Redis sharded adapter of " + context.namespace() + " could not subscribe: " + error));
	}

	/**
	 * Return the shard channel of this namespace.
	 * @return {@code <prefix>#<nsp>#}
	 */
	public String channel() {
		return this.channel;
	}

	@Override
	protected String transportName() {
		return "Redis sharded";
	}

	private void onRawMessage(byte[] payload) {
		JsonNode message;
		try {
			message = (payload.length > 0 && payload[0] == '{') ? context().jsonMapper().readTree(payload)
					: MsgPack.decode(payload);
		}
		catch (RuntimeException ex) {
			logger.debug("Redis sharded adapter ignored a malformed message: " + ex);
			return;
		}
		onMessage(message, "");
	}

	@Override
	protected Mono<String> doPublish(ObjectNode message) {
		return connections().spublish(channelOf(message), encode(message)).thenReturn("");
	}

	@Override
	protected Mono<Void> doPublishResponse(String requesterUid, ObjectNode response) {
		return connections().spublish(this.channel + requesterUid + "#", encode(response)).then();
	}

	/**
	 * A broadcast without acks to one room goes to the room's channel in the dynamic
	 * modes; one with acks cannot, since its answers are counted over all servers.
	 */
	private String channelOf(ObjectNode message) {
		JsonNode data = message.path("data");
		JsonNode rooms = data.path("opts").path("rooms");
		if (this.mode == ShardedSubscriptionMode.STATIC || message.path("type").asInt() != ClusterMessages.BROADCAST
				|| !data.path("requestId").isMissingNode() || !rooms.isArray() || rooms.size() != 1) {
			return this.channel;
		}
		String room = rooms.get(0).asString();
		if (this.mode == ShardedSubscriptionMode.DYNAMIC && room.length() == SOCKET_ID_LENGTH) {
			return this.channel;
		}
		return roomChannel(room);
	}

	private String roomChannel(String room) {
		return this.channel + room + "#";
	}

	private byte[] encode(ObjectNode message) {
		return hasBinary(message.path("data")) ? MsgPack.encode(message)
				: context().jsonMapper().writeValueAsBytes(message);
	}

	private static boolean hasBinary(JsonNode node) {
		if (node.isBinary()) {
			return true;
		}
		if (node.isContainer()) {
			for (JsonNode child : node) {
				if (hasBinary(child)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Return the number of servers: the shard subscribers of the namespace's channel.
	 * @return the number of nodes, this one included
	 */
	@Override
	public Mono<Integer> serverCount() {
		return connections().shardNumsub(this.channel)
			.timeout(requestTimeout(),
					Mono.error(() -> new RedisAdapterException(
							"Redis did not answer PUBSUB SHARDNUMSUB within " + requestTimeout().toMillis() + " ms")))
			.map((count) -> Math.max(1, count));
	}

	// Rooms of this node: in the dynamic modes, each public room has a channel that this
	// node subscribes to while it has sockets in the room.

	@Override
	public void addAll(String socketId, Collection<String> rooms) {
		List<String> created = new ArrayList<>();
		for (String room : rooms) {
			if (!hasRoom(room) && hasOwnChannel(room, socketId)) {
				created.add(room);
			}
		}
		super.addAll(socketId, rooms);
		created.forEach(this::subscribeRoom);
	}

	@Override
	public void del(String socketId, String room) {
		super.del(socketId, room);
		if (!hasRoom(room)) {
			unsubscribeRoom(room);
		}
	}

	@Override
	public void delAll(String socketId) {
		Set<String> rooms = socketRooms(socketId);
		super.delAll(socketId);
		if (rooms != null) {
			for (String room : rooms) {
				if (!hasRoom(room)) {
					unsubscribeRoom(room);
				}
			}
		}
	}

	private boolean hasOwnChannel(String room, String socketId) {
		return switch (this.mode) {
			case STATIC -> false;
			case DYNAMIC -> !room.equals(socketId) && socketRooms(room) == null;
			case DYNAMIC_PRIVATE -> true;
		};
	}

	private void subscribeRoom(String room) {
		String roomChannel = roomChannel(room);
		if (this.roomSubscriptions.putIfAbsent(roomChannel, this.receiver) == null) {
			connections().ssubscribe(Map.of(roomChannel, this.receiver))
				.subscribe(null, (error) -> logger.debug("Redis sharded adapter could not subscribe to the room " + room
						+ " of " + namespace() + ": " + error));
		}
	}

	private void unsubscribeRoom(String room) {
		String roomChannel = roomChannel(room);
		if (this.roomSubscriptions.remove(roomChannel) != null) {
			connections().sunsubscribe(Map.of(roomChannel, this.receiver))
				.subscribe(null, (error) -> logger.debug("Redis sharded adapter could not unsubscribe: " + error));
		}
	}

	@Override
	public void close() {
		super.close();
		Map<String, Consumer<byte[]>> all = new ConcurrentHashMap<>(this.subscriptions);
		all.putAll(this.roomSubscriptions);
		this.roomSubscriptions.clear();
		connections().sunsubscribe(all)
			.subscribe(null, (error) -> logger.debug("Redis sharded adapter could not unsubscribe: " + error));
	}

}
