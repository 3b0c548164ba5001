package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.realtime.socketio.cluster.ClusterPayloads;
import dev.realtime.socketio.server.adapter.SocketIoSession;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The disconnected sessions both Redis adapters keep for connection state recovery: the
 * MessagePack of {@code {sid, pid, rooms, data}} under a key that expires with the
 * recovery window (base64 text of it in the Node streams adapter's format), taken back
 * with {@code GETDEL} so that a session is restored at most once. The writes in flight
 * are tracked, for a closing server to wait for them.
 */
final class StoredSessions {

	private static final Logger logger = Loggers.getLogger(StoredSessions.class);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final RedisConnections connections;

	private final JsonMapper mapper;

	private final Duration window;

	private final Duration timeout;

	private final boolean base64;

	private final Set<CompletableFuture<Void>> pendingWrites = ConcurrentHashMap.newKeySet();

	StoredSessions(RedisConnections connections, JsonMapper mapper, Duration window, Duration timeout, boolean base64) {
		this.connections = connections;
		this.mapper = mapper;
		this.window = window;
		this.timeout = timeout;
		this.base64 = base64;
	}

	/** Keep a session for the recovery window; {@link #flush} waits for it. */
	void persist(String key, SocketIoSession session) {
		ObjectNode stored = NODES.objectNode();
		stored.put("sid", session.sid());
		stored.put("pid", session.pid());
		stored.set("rooms", ClusterPayloads.strings(session.rooms()));
		stored.set("data", this.mapper.valueToTree(session.data()));
		byte[] value = MsgPack.encode(stored);
		if (this.base64) {
			value = RedisConnections.bytes(Base64.getEncoder().encodeToString(value));
		}
		CompletableFuture<Void> write = this.connections.set(key, value, this.window).timeout(this.timeout).toFuture();
		this.pendingWrites.add(write);
		write.whenComplete((done, error) -> {
			this.pendingWrites.remove(write);
			if (error != null) {
				logger.warn("The session of socket " + session.sid() + " could not be kept for recovery: " + error);
			}
		});
	}

	/** Complete once every session handed to {@link #persist} is stored or has failed. */
	Mono<Void> flush() {
		CompletableFuture<?>[] writes = this.pendingWrites.toArray(CompletableFuture[]::new);
		return Mono.fromFuture(CompletableFuture.allOf(writes)).onErrorResume((ex) -> Mono.empty());
	}

	/** Read and delete a stored session in one step: empty when there is none. */
	Mono<byte[]> take(String key) {
		return this.connections.getdel(key);
	}

	/** Decode what {@link #take} returned. */
	SocketIoSession read(byte[] bytes) {
		JsonNode stored = MsgPack.decode(this.base64 ? Base64.getDecoder().decode(bytes) : bytes);
		Set<String> rooms = new LinkedHashSet<>();
		stored.path("rooms").forEach((room) -> rooms.add(room.asString()));
		JsonNode data = stored.path("data");
		@SuppressWarnings("unchecked")
		Map<String, Object> dataMap = data.isObject() ? this.mapper.treeToValue(data, LinkedHashMap.class)
				: new LinkedHashMap<>();
		// A session's data holds no nulls (it is copied with Map.copyOf).
		dataMap.values().removeIf(Objects::isNull);
		return new SocketIoSession(stored.path("sid").asString(), stored.path("pid").asString(), rooms, dataMap);
	}

}
