package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.realtime.socketio.cluster.ClusterPayloads;
import dev.realtime.socketio.cluster.SocketSnapshots;
import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.server.ConnectionStateRecoveryOptions;
import dev.realtime.socketio.server.RemoteSocket;
import dev.realtime.socketio.server.adapter.AdapterContext;
import dev.realtime.socketio.server.adapter.BroadcastAckHandler;
import dev.realtime.socketio.server.adapter.BroadcastOptions;
import dev.realtime.socketio.server.adapter.InMemoryAdapter;
import dev.realtime.socketio.server.adapter.RestoredSession;
import dev.realtime.socketio.server.adapter.SocketIoSession;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The adapter of one namespace in a cluster of servers that share a Redis: the rooms of
 * this node in memory, and everything that crosses nodes over Redis pub/sub, with the
 * channels and messages of the Node {@code @socket.io/redis-adapter} 8.3, so Java and
 * Node servers share one cluster and the Node {@code @socket.io/redis-emitter} reaches
 * Java-connected clients.
 * <p>
 * With connection state recovery on, the adapter keeps what recovery needs in Redis
 * rather than in this node's memory: every recoverable packet is appended to a stream of
 * the namespace (its entry id is the packet's offset, the same on every node) before it
 * is sent, and the session of a socket whose connection dropped is kept in an expiring
 * key. A client then recovers on any node, also after its node shut down. Packets from
 * Node servers or the Node emitter carry no offset and are not recoverable.
 * <p>
 * When Redis is unreachable, delivery to this node's sockets goes on (without offsets);
 * requests to the other nodes fail with a {@link RedisAdapterException}. Created by
 * {@link RedisAdapterFactory}.
 *
 * @since 0.1.0
 */
public class RedisAdapter extends InMemoryAdapter {

	private static final Logger logger = Loggers.getLogger(RedisAdapter.class);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final RedisConnections connections;

	private final RedisAdapterOptions options;

	private final String uid = Messages.randomId(6);

	private final String channel;

	private final String requestChannel;

	private final String responseChannel;

	private final String specificResponseChannel;

	private final Map<String, Consumer<byte[]>> subscriptions;

	private final RedisRequests requests;

	private final RedisRequestHandler requestHandler;

	private final Runnable disconnectListener;

	private final BiConsumer<String, byte[]> broadcastHandler;

	/** Recovery state in Redis, with connection state recovery on. */
	private final @Nullable RedisSessionStore sessions;

	RedisAdapter(AdapterContext context, RedisConnections connections, RedisAdapterOptions options) {
		super(context, false);
		this.connections = connections;
		this.options = options;
		String namespace = context.namespace();
		ConnectionStateRecoveryOptions recovery = context.connectionStateRecovery();
		this.sessions = (recovery != null) ? new RedisSessionStore(connections, options, namespace,
				recovery.maxDisconnectionDuration(), context.jsonMapper()) : null;
		this.channel = options.keyPrefix() + "#" + namespace + "#";
		this.requestChannel = options.keyPrefix() + "-request#" + namespace + "#";
		this.responseChannel = options.keyPrefix() + "-response#" + namespace + "#";
		this.specificResponseChannel = this.responseChannel + this.uid + "#";
		this.requests = new RedisRequests(connections, this.uid, this.requestChannel, options.requestTimeout());
		this.disconnectListener = this.requests::connectionLost;
		this.requestHandler = new RedisRequestHandler(this, this.channel, this.responseChannel,
				options.publishOnSpecificResponseChannel());
		this.broadcastHandler = this.requestHandler::onBroadcast;
		this.subscriptions = Map.of(this.requestChannel, this.requestHandler::onRequest, this.responseChannel,
				this.requests::onResponse, this.specificResponseChannel, this.requests::onResponse);
		connections.onDisconnect(this.disconnectListener);
		connections.subscribe(this.subscriptions, this.channel + "*", this.broadcastHandler)
			.subscribe(null,
					(error) -> logger.warn("Redis adapter of " + namespace + " could not subscribe: " + error));
	}

	/**
	 * Return this node's id in the namespace's traffic; it ignores its own messages by
	 * it.
	 * @return the id
	 */
	public String uid() {
		return this.uid;
	}

	/**
	 * Return whether both Redis connections are open.
	 * @return {@code true} while connected
	 */
	public boolean isConnected() {
		return this.connections.isConnected();
	}

	// Broadcasts

	@Override
	public void broadcast(SocketIoPacket packet, BroadcastOptions options) {
		RedisSessionStore store = this.sessions;
		if (store != null && isRecoverable(packet, options)) {
			broadcastRecoverable(store, packet.arrayData(), options);
			return;
		}
		publishBroadcast(packet, options);
		deliverLocally(packet, options);
	}

	/**
	 * docs/protocol.md 2.8 in a cluster: the stream gives the offset, then the packet
	 * goes out with it, here and to the other nodes. Without Redis the packet still
	 * reaches this node's sockets, without an offset.
	 */
	private void broadcastRecoverable(RedisSessionStore store, ArrayNode data, BroadcastOptions options) {
		store.append(data, options).subscribe((offset) -> {
			ArrayNode withOffset = NODES.arrayNode(data.size() + 1);
			withOffset.addAll(data);
			withOffset.add(offset);
			SocketIoPacket event = SocketIoPacket.event(namespace(), withOffset);
			publishBroadcast(event, options);
			deliverLocally(event, options);
		}, (error) -> {
			logger.debug("Redis adapter could not keep a packet of " + namespace() + " for recovery: " + error);
			SocketIoPacket event = SocketIoPacket.event(namespace(), data);
			publishBroadcast(event, options);
			deliverLocally(event, options);
		});
	}

	private void publishBroadcast(SocketIoPacket packet, BroadcastOptions options) {
		if (!options.local() && packet.data() instanceof ArrayNode data) {
			ArrayNode message = NODES.arrayNode(3);
			message.add(this.uid);
			message.add(ClusterPayloads.packet(namespace(), data));
			message.add(ClusterPayloads.broadcastOptions(options));
			String target = this.channel;
			if (options.rooms().size() == 1) {
				target += options.rooms().iterator().next() + "#";
			}
			publish(target, MsgPack.encode(message));
		}
	}

	@Override
	public void persistSession(SocketIoSession session) {
		if (this.sessions != null) {
			this.sessions.persist(session);
		}
	}

	@Override
	public Mono<RestoredSession> restoreSession(String pid, String offset) {
		return (this.sessions != null) ? this.sessions.restore(pid, offset) : Mono.empty();
	}

	@Override
	public Mono<Void> flush() {
		return (this.sessions != null) ? this.sessions.flush() : Mono.empty();
	}

	@Override
	public void broadcastWithAck(SocketIoPacket packet, BroadcastOptions options, BroadcastAckHandler handler) {
		if (!options.local() && packet.data() instanceof ArrayNode data) {
			String requestId = Messages.randomId(10);
			ObjectNode request = request(Messages.BROADCAST, requestId);
			request.set("packet", ClusterPayloads.packet(namespace(), data));
			request.set("opts", ClusterPayloads.broadcastOptions(options));
			Duration timeout = (options.timeout() != null) ? options.timeout() : this.options.requestTimeout();
			this.requests.expectAcks(requestId, handler, timeout);
			publish(this.requestChannel, MsgPack.encode(request));
		}
		super.broadcastWithAck(packet, options, handler);
	}

	// Remote room changes and disconnections: applied here at once, on the other nodes
	// when
	// the request arrives (this node ignores its own by uid).

	@Override
	public void addSockets(BroadcastOptions options, Collection<String> rooms) {
		super.addSockets(options, rooms);
		if (!options.local()) {
			ObjectNode request = bulkRequest(Messages.REMOTE_JOIN, options);
			request.set("rooms", ClusterPayloads.strings(rooms));
			publish(this.requestChannel, Messages.json(request));
		}
	}

	@Override
	public void delSockets(BroadcastOptions options, Collection<String> rooms) {
		super.delSockets(options, rooms);
		if (!options.local()) {
			ObjectNode request = bulkRequest(Messages.REMOTE_LEAVE, options);
			request.set("rooms", ClusterPayloads.strings(rooms));
			publish(this.requestChannel, Messages.json(request));
		}
	}

	@Override
	public void disconnectSockets(BroadcastOptions options, boolean close) {
		super.disconnectSockets(options, close);
		if (!options.local()) {
			ObjectNode request = bulkRequest(Messages.REMOTE_DISCONNECT, options);
			request.put("close", close);
			publish(this.requestChannel, Messages.json(request));
		}
	}

	private ObjectNode bulkRequest(int type, BroadcastOptions options) {
		ObjectNode request = NODES.objectNode();
		request.put("uid", this.uid);
		request.put("type", type);
		request.set("opts", ClusterPayloads.selection(options));
		return request;
	}

	// Requests that wait for answers

	@Override
	public Mono<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
		List<RemoteSocket> local = localSockets(options);
		if (options.local()) {
			return Mono.just(local);
		}
		return serverCount().flatMap((servers) -> {
			if (servers <= 1) {
				return Mono.just(local);
			}
			String requestId = Messages.randomId(10);
			ObjectNode request = request(Messages.REMOTE_FETCH, requestId);
			request.set("opts", ClusterPayloads.selection(options));
			return this.requests
				.send(Messages.REMOTE_FETCH, "fetchSockets", requestId, servers - 1, Messages.json(request),
						this.options.requestTimeout())
				.map((answers) -> {
					List<RemoteSocket> sockets = new ArrayList<>(local);
					for (JsonNode answer : answers) {
						for (JsonNode socket : answer) {
							sockets.add(SocketSnapshots.read(socket, context().jsonMapper()));
						}
					}
					return sockets;
				});
		});
	}

	/**
	 * Return the ids of the sockets in any of the rooms (every socket when empty) on
	 * every node: the Node adapter's {@code sockets(rooms)}, a {@code SOCKETS} request.
	 * @param rooms the rooms
	 * @return the socket ids of the cluster
	 */
	public Mono<Set<String>> allSockets(Set<String> rooms) {
		Set<String> local = sockets(rooms);
		return this.requests.collect(Messages.SOCKETS, "allSockets", local,
				(request) -> request.set("rooms", ClusterPayloads.strings(rooms)));
	}

	/**
	 * Return the names of the rooms that have a member on any node: the Node adapter's
	 * {@code allRooms()}, an {@code ALL_ROOMS} request.
	 * @return the room names of the cluster
	 */
	public Mono<Set<String>> allRooms() {
		return this.requests.collect(Messages.ALL_ROOMS, "allRooms", Set.copyOf(rooms().keySet()), (request) -> {
		});
	}

	@Override
	public void serverSideEmit(ArrayNode data) {
		ObjectNode request = NODES.objectNode();
		request.put("uid", this.uid);
		request.put("type", Messages.SERVER_SIDE_EMIT);
		request.set("data", data);
		publish(this.requestChannel, Messages.json(request));
	}

	@Override
	public Mono<List<JsonNode>> serverSideEmitWithAck(ArrayNode data, BroadcastOptions options) {
		Duration timeout = (options.timeout() != null) ? options.timeout() : this.options.requestTimeout();
		return serverCount().flatMap((servers) -> {
			if (servers <= 1) {
				return Mono.just(List.of());
			}
			String requestId = Messages.randomId(10);
			ObjectNode request = request(Messages.SERVER_SIDE_EMIT, requestId);
			request.set("data", data);
			return this.requests.send(Messages.SERVER_SIDE_EMIT, "serverSideEmit", requestId, servers - 1,
					Messages.json(request), timeout);
		});
	}

	/**
	 * Return the number of servers: the subscribers of the namespace's request channel.
	 * @return the number of nodes, this one included
	 */
	@Override
	public Mono<Integer> serverCount() {
		return this.requests.serverCount();
	}

	private ObjectNode request(int type, String requestId) {
		return this.requests.request(type, requestId);
	}

	// Shared with the request handler

	String namespace() {
		return context().namespace();
	}

	boolean isOwnRequest(String requestId) {
		return this.requests.isOwn(requestId);
	}

	AdapterContext adapterContext() {
		return context();
	}

	Collection<String> localRoomNames() {
		return rooms().keySet();
	}

	List<RemoteSocket> selectLocalSockets(BroadcastOptions options) {
		return localSockets(options);
	}

	void addLocalSockets(BroadcastOptions options, Collection<String> rooms) {
		super.addSockets(options, rooms);
	}

	void delLocalSockets(BroadcastOptions options, Collection<String> rooms) {
		super.delSockets(options, rooms);
	}

	void disconnectLocalSockets(BroadcastOptions options, boolean close) {
		super.disconnectSockets(options, close);
	}

	boolean hasLocalRoom(String room) {
		return hasRoom(room);
	}

	void deliverLocalBroadcast(SocketIoPacket packet, BroadcastOptions options) {
		deliverLocally(packet, options);
	}

	void broadcastLocallyWithAck(SocketIoPacket packet, BroadcastOptions options, BroadcastAckHandler handler) {
		super.broadcastWithAck(packet, options, handler);
	}

	void publish(String target, byte[] message) {
		this.connections.publish(target, message)
			.subscribe(null, (error) -> logger.debug("Redis adapter could not publish to " + target + ": " + error));
	}

	@Override
	public void close() {
		this.connections.removeDisconnectListener(this.disconnectListener);
		this.requests.close("The Redis adapter of " + namespace() + " was closed");
		this.connections.unsubscribe(this.subscriptions, this.channel + "*", this.broadcastHandler)
			.subscribe(null, (error) -> logger.debug("Redis adapter could not unsubscribe: " + error));
	}

}
