package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.realtime.socketio.cluster.ClusterPayloads;
import dev.realtime.socketio.cluster.ClusterMessages;
import dev.realtime.socketio.server.adapter.BroadcastOptions;
import dev.realtime.socketio.server.adapter.RestoredSession;
import dev.realtime.socketio.server.adapter.SocketIoSession;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Connection state recovery as the Node {@code @socket.io/redis-streams-adapter} keeps
 * it: a disconnected session under {@code <sessionKeyPrefix><pid>} (base64 MessagePack of
 * {@code {sid, pid, rooms, data}}, expiring with the recovery window), and the missed
 * packets read back from the stream itself, whose entry ids are the offsets. A session
 * persisted by a Node server is restored by a Java one and the other way round.
 */
final class RedisStreamsSessionStore {

	private static final Pattern ENTRY_ID = Pattern.compile("\\d{1,20}-\\d{1,20}");

	/** Entries read per {@code XRANGE} while collecting the missed packets. */
	private static final int READ_BATCH = 1000;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final RedisConnections connections;

	private final String namespace;

	private final String stream;

	private final String sessionKeyPrefix;

	private final Duration timeout;

	private final long maxReads;

	private final StoredSessions sessions;

	RedisStreamsSessionStore(RedisConnections connections, RedisStreamsAdapterOptions options, String namespace,
			Duration window, JsonMapper mapper) {
		this.connections = connections;
		this.namespace = namespace;
		this.stream = options.streamOf(namespace);
		this.sessionKeyPrefix = options.sessionKeyPrefix();
		this.timeout = options.requestTimeout();
		this.sessions = new StoredSessions(connections, mapper, window, this.timeout, true);
		this.maxReads = options.maxLength() / READ_BATCH + 2;
	}

	void persist(SocketIoSession session) {
		this.sessions.persist(this.sessionKeyPrefix + session.pid(), session);
	}

	Mono<Void> flush() {
		return this.sessions.flush();
	}

	/**
	 * Take a session out of Redis ({@code GETDEL}: restored at most once, on one node)
	 * and collect the broadcasts after the offset that reach its rooms.
	 * @return the session, or empty when it is unknown, expired, already restored, or its
	 * offset left the stream
	 */
	Mono<RestoredSession> restore(String pid, String offset) {
		if (!ENTRY_ID.matcher(offset).matches()) {
			return Mono.empty();
		}
		Mono<byte[]> session = this.sessions.take(this.sessionKeyPrefix + pid);
		Mono<Boolean> offsetKept = this.connections.xrange(this.stream, Range.create(offset, offset), 1)
			.map((entries) -> !entries.isEmpty());
		return Mono.zip(session, offsetKept).filter((found) -> found.getT2()).flatMap((found) -> {
			SocketIoSession restored = this.sessions.read(found.getT1());
			return missedPackets(offset, restored.rooms(), new ArrayList<>(), 0)
				.map((missed) -> new RestoredSession(restored, missed));
		})
			.timeout(this.timeout, Mono.error(() -> new RedisAdapterException(
					"Redis did not return session " + pid + " within " + this.timeout.toMillis() + " ms")));
	}

	private Mono<List<ArrayNode>> missedPackets(String after, Set<String> rooms, List<ArrayNode> missed, int reads) {
		Range<String> range = Range.from(Range.Boundary.excluding(after), Range.Boundary.unbounded());
		return this.connections.xrange(this.stream, range, READ_BATCH).flatMap((entries) -> {
			for (StreamMessage<byte[], byte[]> entry : entries) {
				ArrayNode data = missedPacket(entry, rooms);
				if (data != null) {
					missed.add(data);
				}
			}
			// The stream holds about maxLength entries: a bounded number of reads reaches
			// its end even while entries keep coming.
			if (entries.size() < READ_BATCH || reads + 1 >= this.maxReads) {
				return Mono.just(missed);
			}
			return missedPackets(entries.get(entries.size() - 1).getId(), rooms, missed, reads + 1);
		});
	}

	/** The data of a broadcast for the session with its offset appended, or null. */
	private @Nullable ArrayNode missedPacket(StreamMessage<byte[], byte[]> entry, Set<String> rooms) {
		ObjectNode message;
		try {
			message = StreamEntries.decode(entry);
		}
		catch (RuntimeException ex) {
			return null;
		}
		if (message == null || !this.namespace.equals(message.path("nsp").asString())
				|| message.path("type").asInt() != ClusterMessages.BROADCAST) {
			return null;
		}
		JsonNode data = message.path("data");
		JsonNode packet = data.path("packet");
		if (!data.path("requestId").isMissingNode() || !ClusterPayloads.isEvent(packet)) {
			return null;
		}
		BroadcastOptions options = ClusterPayloads.readOptions(data.path("opts"));
		if (options.volatileFlag() || !options.reaches(rooms)) {
			return null;
		}
		ArrayNode withOffset = NODES.arrayNode(packet.get("data").size() + 1);
		withOffset.addAll((ArrayNode) packet.get("data"));
		withOffset.add(entry.getId());
		return withOffset;
	}

}
