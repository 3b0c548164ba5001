package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.realtime.socketio.cluster.ClusterPayloads;
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

/**
 * Connection state recovery for a cluster: the packets of one namespace in a Redis stream
 * and the sessions of disconnected sockets in expiring keys, so that a client comes back
 * on any node, including after the node it was on has shut down.
 * <p>
 * A packet's offset is its stream entry id, given by Redis when the packet is appended,
 * so every node sends the same offset. A session key lives for the recovery window and is
 * read and deleted in one step ({@code GETDEL}): a session is restored at most once, on
 * one node.
 */
final class RedisSessionStore {

	/** A stream entry id, {@code <milliseconds>-<sequence>}. */
	private static final Pattern ENTRY_ID = Pattern.compile("\\d{1,20}-\\d{1,20}");

	private static final byte[] DATA_FIELD = RedisConnections.bytes("data");

	private static final byte[] OPTS_FIELD = RedisConnections.bytes("opts");

	/** Entries read per {@code XRANGE} while collecting the missed packets. */
	private static final int READ_BATCH = 1000;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final RedisConnections connections;

	private final Duration timeout;

	private final long maxLength;

	private final String streamKey;

	private final String sessionKeyPrefix;

	private final StoredSessions sessions;

	RedisSessionStore(RedisConnections connections, RedisAdapterOptions options, String namespace, Duration window,
			JsonMapper mapper) {
		this.connections = connections;
		this.timeout = options.requestTimeout();
		this.sessions = new StoredSessions(connections, mapper, window, this.timeout, false);
		this.maxLength = options.streamMaxLength();
		this.streamKey = options.keyPrefix() + "-stream#" + namespace + "#";
		this.sessionKeyPrefix = options.keyPrefix() + "-session#" + namespace + "#";
	}

	String streamKey() {
		return this.streamKey;
	}

	String sessionKey(String pid) {
		return this.sessionKeyPrefix + pid;
	}

	/**
	 * Append a packet's data (without offset) and its selection to the stream.
	 * @return the offset: the entry id
	 */
	Mono<String> append(ArrayNode data, BroadcastOptions options) {
		Map<byte[], byte[]> entry = new LinkedHashMap<>(4);
		entry.put(DATA_FIELD, MsgPack.encode(data));
		entry.put(OPTS_FIELD, MsgPack.encode(ClusterPayloads.selection(options)));
		return this.connections.xadd(this.streamKey, this.maxLength, entry)
			.timeout(this.timeout, Mono.error(() -> new RedisAdapterException(
					"Redis did not store a packet for recovery within " + this.timeout.toMillis() + " ms")));
	}

	void persist(SocketIoSession session) {
		this.sessions.persist(sessionKey(session.pid()), session);
	}

	Mono<Void> flush() {
		return this.sessions.flush();
	}

	/**
	 * Take a session out of Redis and collect the packets sent to it after the offset.
	 * @return the session, or empty when it is unknown, expired, already restored, or its
	 * offset was trimmed from the stream
	 */
	Mono<RestoredSession> restore(String pid, String offset) {
		if (!ENTRY_ID.matcher(offset).matches()) {
			// Not an offset of this adapter (a client of another server, or a forged
			// value).
			return Mono.empty();
		}
		Mono<byte[]> session = this.sessions.take(sessionKey(pid));
		Mono<Boolean> offsetKept = this.connections.xrange(this.streamKey, Range.create(offset, offset), 1)
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
		return this.connections.xrange(this.streamKey, range, READ_BATCH).flatMap((entries) -> {
			for (StreamMessage<byte[], byte[]> entry : entries) {
				ArrayNode data = readMissed(entry, rooms);
				if (data != null) {
					missed.add(data);
				}
			}
			// The stream holds about maxLength entries: a bounded number of reads reaches
			// its end.
			if (entries.size() < READ_BATCH || reads + 1 > this.maxLength / READ_BATCH + 1) {
				return Mono.just(missed);
			}
			return missedPackets(entries.get(entries.size() - 1).getId(), rooms, missed, reads + 1);
		});
	}

	/**
	 * The data of an entry with its offset appended, or {@code null} when it was not for
	 * the session.
	 */
	private static @Nullable ArrayNode readMissed(StreamMessage<byte[], byte[]> entry, Set<String> rooms) {
		byte[] data = field(entry, DATA_FIELD);
		byte[] opts = field(entry, OPTS_FIELD);
		if (data == null || opts == null) {
			return null;
		}
		JsonNode decoded = MsgPack.decode(data);
		if (!decoded.isArray() || !ClusterPayloads.readOptions(MsgPack.decode(opts)).reaches(rooms)) {
			return null;
		}
		ArrayNode withOffset = NODES.arrayNode(decoded.size() + 1);
		withOffset.addAll((ArrayNode) decoded);
		withOffset.add(entry.getId());
		return withOffset;
	}

	private static byte @Nullable [] field(StreamMessage<byte[], byte[]> entry, byte[] name) {
		for (Map.Entry<byte[], byte[]> field : entry.getBody().entrySet()) {
			if (Arrays.equals(field.getKey(), name)) {
				return field.getValue();
			}
		}
		return null;
	}

}
