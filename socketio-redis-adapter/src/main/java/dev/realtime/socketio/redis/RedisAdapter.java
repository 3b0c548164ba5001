package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

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
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The adapter of one namespace in a cluster of servers that share a Redis: the rooms of this
 * node in memory, and everything that crosses nodes over Redis pub/sub, with the channels
 * and messages of the Node {@code @socket.io/redis-adapter} 8.3, so Java and Node servers
 * share one cluster and the Node {@code @socket.io/redis-emitter} reaches Java-connected
 * clients.
 * <p>
 * With connection state recovery on, the adapter keeps what recovery needs in Redis rather
 * than in this node's memory: every recoverable packet is appended to a stream of the
 * namespace (its entry id is the packet's offset, the same on every node) before it is sent,
 * and the session of a socket whose connection dropped is kept in an expiring key. A client
 * then recovers on any node, also after its node shut down. Packets from Node servers or the
 * Node emitter carry no offset and are not recoverable.
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

	private final Map<String, PendingRequest> requests = new ConcurrentHashMap<>();

	private final Map<String, BroadcastAckHandler> ackRequests = new ConcurrentHashMap<>();

	private final RedisRequestHandler requestHandler;

	private final Runnable disconnectListener = this::connectionLost;

	private final BiConsumer<String, byte[]> broadcastHandler = this::onBroadcast;

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
		this.requestHandler = new RedisRequestHandler(this);
		this.subscriptions = Map.of(this.requestChannel, this.requestHandler::onRequest, this.responseChannel,
				this::onResponse, this.specificResponseChannel, this::onResponse);
		connections.onDisconnect(this.disconnectListener);
		connections.subscribe(this.subscriptions, this.channel + "*", this.broadcastHandler)
			.subscribe(null, (error) -> logger.warn("Redis adapter of " + namespace + " could not subscribe: " + error));
	}

	/**
	 * Return this node's id in the namespace's traffic; it ignores its own messages by it.
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
			broadcastRecoverable(store, (ArrayNode) packet.data(), options);
			return;
		}
		publishBroadcast(packet, options);
		deliverLocally(packet, options);
	}

	/**
	 * PROTOCOL.md 2.8 in a cluster: the stream gives the offset, then the packet goes out with
	 * it, here and to the other nodes. Without Redis the packet still reaches this node's
	 * sockets, without an offset.
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
			message.add(Messages.packet(namespace(), data));
			message.add(Messages.broadcastOptions(options));
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
			request.set("packet", Messages.packet(namespace(), data));
			request.set("opts", Messages.broadcastOptions(options));
			this.ackRequests.put(requestId, handler);
			// Answers are counted by the caller; forget the request once it cannot complete.
			Duration timeout = (options.timeout() != null) ? options.timeout() : this.options.requestTimeout();
			Schedulers.parallel().schedule(() -> this.ackRequests.remove(requestId), timeout.toMillis(),
					TimeUnit.MILLISECONDS);
			publish(this.requestChannel, MsgPack.encode(request));
		}
		super.broadcastWithAck(packet, options, handler);
	}

	/** A broadcast from another node (or an emitter): deliver it to the local sockets. */
	private void onBroadcast(String channel, byte[] message) {
		if (!channel.startsWith(this.channel)) {
			return;
		}
		if (channel.length() > this.channel.length()) {
			String room = channel.substring(this.channel.length(), channel.length() - 1);
			if (!hasRoom(room)) {
				return;
			}
		}
		JsonNode decoded = MsgPack.decode(message);
		if (!decoded.isArray() || decoded.size() < 3 || this.uid.equals(decoded.get(0).asString())) {
			return;
		}
		JsonNode packet = decoded.get(1);
		String namespace = packet.path("nsp").isString() ? packet.path("nsp").stringValue() : "/";
		if (!namespace.equals(namespace()) || !Messages.isEvent(packet)) {
			return;
		}
		// Delivered as it is: a Java node with recovery on already appended the offset.
		deliverLocally(SocketIoPacket.event(namespace, (ArrayNode) packet.get("data")),
				Messages.readOptions(decoded.get(2)));
	}

	// Remote room changes and disconnections: applied here at once, on the other nodes when
	// the request arrives (this node ignores its own by uid).

	@Override
	public void addSockets(BroadcastOptions options, Collection<String> rooms) {
		super.addSockets(options, rooms);
		if (!options.local()) {
			ObjectNode request = bulkRequest(Messages.REMOTE_JOIN, options);
			request.set("rooms", Messages.strings(rooms));
			publish(this.requestChannel, Messages.json(request));
		}
	}

	@Override
	public void delSockets(BroadcastOptions options, Collection<String> rooms) {
		super.delSockets(options, rooms);
		if (!options.local()) {
			ObjectNode request = bulkRequest(Messages.REMOTE_LEAVE, options);
			request.set("rooms", Messages.strings(rooms));
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
		request.set("opts", Messages.selection(options));
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
			request.set("opts", Messages.selection(options));
			return send(Messages.REMOTE_FETCH, "fetchSockets", requestId, servers - 1, Messages.json(request),
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
	 * Return the ids of the sockets in any of the rooms (every socket when empty) on every
	 * node: the Node adapter's {@code sockets(rooms)}, a {@code SOCKETS} request.
	 * @param rooms the rooms
	 * @return the socket ids of the cluster
	 */
	public Mono<Set<String>> allSockets(Set<String> rooms) {
		Set<String> local = sockets(rooms);
		return collect(Messages.SOCKETS, "allSockets", local, (request) -> request.set("rooms", Messages.strings(rooms)));
	}

	/**
	 * Return the names of the rooms that have a member on any node: the Node adapter's
	 * {@code allRooms()}, an {@code ALL_ROOMS} request.
	 * @return the room names of the cluster
	 */
	public Mono<Set<String>> allRooms() {
		return collect(Messages.ALL_ROOMS, "allRooms", Set.copyOf(rooms().keySet()), (request) -> {
		});
	}

	/** Ask every other node for a list of names and merge their answers with the local ones. */
	private Mono<Set<String>> collect(int type, String operation, Set<String> local, Consumer<ObjectNode> body) {
		return serverCount().flatMap((servers) -> {
			if (servers <= 1) {
				return Mono.just(local);
			}
			String requestId = Messages.randomId(10);
			ObjectNode request = request(type, requestId);
			body.accept(request);
			return send(type, operation, requestId, servers - 1, Messages.json(request), this.options.requestTimeout())
				.map((answers) -> {
					Set<String> names = new LinkedHashSet<>(local);
					answers.forEach((answer) -> answer.forEach((name) -> names.add(name.asString())));
					return names;
				});
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
			return send(Messages.SERVER_SIDE_EMIT, "serverSideEmit", requestId, servers - 1, Messages.json(request),
					timeout);
		});
	}

	/**
	 * Return the number of servers: the subscribers of the namespace's request channel.
	 * @return the number of nodes, this one included
	 */
	@Override
	public Mono<Integer> serverCount() {
		return this.connections.numsub(this.requestChannel)
			.timeout(this.options.requestTimeout(), Mono.error(() -> new RedisAdapterException(
					"Redis did not answer PUBSUB NUMSUB within " + this.options.requestTimeout().toMillis() + " ms")))
			.map((count) -> Math.max(1, count));
	}

	private ObjectNode request(int type, String requestId) {
		ObjectNode request = NODES.objectNode();
		request.put("uid", this.uid);
		request.put("requestId", requestId);
		request.put("type", type);
		return request;
	}

	private Mono<List<JsonNode>> send(int type, String operation, String requestId, int expected, byte[] message,
			Duration timeout) {
		return Mono.create((sink) -> {
			PendingRequest pending = new PendingRequest(type, operation, expected, timeout.toMillis(), sink);
			this.requests.put(requestId, pending);
			Disposable timer = Schedulers.parallel().schedule(() -> {
				if (this.requests.remove(requestId, pending)) {
					pending.timeout();
				}
			}, timeout.toMillis(), TimeUnit.MILLISECONDS);
			sink.onDispose(() -> {
				timer.dispose();
				this.requests.remove(requestId, pending);
			});
			this.connections.publish(this.requestChannel, message).subscribe(null, (error) -> {
				if (this.requests.remove(requestId, pending)) {
					pending.fail(new RedisAdapterException(operation + " could not reach the other nodes: "
							+ error.getMessage(), error));
				}
			});
		});
	}

	/** An answer to a request of this node, or an acknowledgement of its broadcast. */
	private void onResponse(byte[] message) {
		JsonNode response;
		try {
			response = Messages.parse(message);
		}
		catch (RuntimeException ex) {
			logger.debug("Redis adapter ignored a malformed response", ex);
			return;
		}
		String requestId = response.path("requestId").asString("");
		@Nullable BroadcastAckHandler ackHandler = this.ackRequests.get(requestId);
		if (ackHandler != null) {
			int type = response.path("type").asInt(-1);
			if (type == Messages.BROADCAST_CLIENT_COUNT) {
				ackHandler.clientCount(response.path("clientCount").asInt(0));
			}
			else if (type == Messages.BROADCAST_ACK) {
				ackHandler.ack(response.path("packet").isMissingNode() ? NODES.nullNode() : response.get("packet"));
			}
			return;
		}
		@Nullable PendingRequest pending = this.requests.get(requestId);
		if (pending == null) {
			return;
		}
		if (pending.type() == Messages.REMOTE_FETCH || pending.type() == Messages.SOCKETS) {
			JsonNode sockets = response.path("sockets");
			pending.answer(sockets.isArray() ? sockets : NODES.arrayNode());
		}
		else if (pending.type() == Messages.ALL_ROOMS) {
			JsonNode rooms = response.path("rooms");
			pending.answer(rooms.isArray() ? rooms : NODES.arrayNode());
		}
		else if (pending.type() == Messages.SERVER_SIDE_EMIT) {
			pending.answer(response.path("data").isMissingNode() ? NODES.nullNode() : response.get("data"));
		}
	}

	// Shared with the request handler

	String namespace() {
		return context().namespace();
	}

	boolean isOwnRequest(String requestId) {
		return this.requests.containsKey(requestId) || this.ackRequests.containsKey(requestId);
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

	void broadcastLocallyWithAck(SocketIoPacket packet, BroadcastOptions options, BroadcastAckHandler handler) {
		super.broadcastWithAck(packet, options, handler);
	}

	/** Answer a request on the shared response channel, or the requester's own. */
	void respond(JsonNode request, byte[] response) {
		String target = this.options.publishOnSpecificResponseChannel()
				? this.responseChannel + request.path("uid").asString("") + "#" : this.responseChannel;
		publish(target, response);
	}

	/** Answer a server-side emit; Node always uses the shared response channel for these. */
	void respondToServerSideEmit(byte[] response) {
		publish(this.responseChannel, response);
	}

	private void publish(String target, byte[] message) {
		this.connections.publish(target, message)
			.subscribe(null, (error) -> logger.debug("Redis adapter could not publish to " + target + ": " + error));
	}

	private void connectionLost() {
		for (Map.Entry<String, PendingRequest> entry : this.requests.entrySet()) {
			if (this.requests.remove(entry.getKey(), entry.getValue())) {
				entry.getValue().connectionLost();
			}
		}
	}

	@Override
	public void close() {
		this.connections.removeDisconnectListener(this.disconnectListener);
		for (Map.Entry<String, PendingRequest> entry : this.requests.entrySet()) {
			if (this.requests.remove(entry.getKey(), entry.getValue())) {
				entry.getValue().fail(new RedisAdapterException("The Redis adapter of " + namespace() + " was closed"));
			}
		}
		this.ackRequests.clear();
		this.connections.unsubscribe(this.subscriptions, this.channel + "*", this.broadcastHandler)
			.subscribe(null, (error) -> logger.debug("Redis adapter could not unsubscribe: " + error));
	}

}
