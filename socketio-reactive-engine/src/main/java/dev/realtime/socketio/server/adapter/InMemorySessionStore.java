package dev.realtime.socketio.server.adapter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import dev.realtime.socketio.protocol.SocketIoPacket;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The sessions and packets connection state recovery keeps on one node, for one
 * namespace. Offsets are a sequence number per namespace, so the packets after an offset
 * are found from the end of the log. Anything older than the recovery window is dropped
 * on the next store, persist or restore: the memory held is one window of traffic at
 * most.
 */
final class InMemorySessionStore {

	private final long windowNanos;

	private final LongSupplier clock;

	private final Object lock = new Object();

	/** Sessions in the order they were persisted, hence oldest first. */
	private final Map<String, StoredSession> sessions = new LinkedHashMap<>();

	/** Packets in offset order, hence oldest first. */
	private final ArrayDeque<StoredPacket> packets = new ArrayDeque<>();

	private long lastSequence;

	InMemorySessionStore(Duration window) {
		this(window, System::nanoTime);
	}

	InMemorySessionStore(Duration window, LongSupplier clock) {
		this.windowNanos = window.toNanos();
		this.clock = clock;
	}

	/**
	 * Give an event the next offset and keep it.
	 * @return the packet to send: the same event with the offset as its last argument
	 */
	SocketIoPacket store(SocketIoPacket packet, BroadcastOptions options) {
		ArrayNode data = packet.arrayData();
		ArrayNode withOffset = JsonNodeFactory.instance.arrayNode(data.size() + 1);
		withOffset.addAll(data);
		synchronized (this.lock) {
			long now = this.clock.getAsLong();
			evictPackets(now);
			long sequence = ++this.lastSequence;
			withOffset.add(Long.toString(sequence));
			this.packets.addLast(new StoredPacket(sequence, now, withOffset, options));
		}
		return SocketIoPacket.event(packet.namespace(), withOffset);
	}

	void persist(SocketIoSession session) {
		synchronized (this.lock) {
			long now = this.clock.getAsLong();
			evictSessions(now);
			this.sessions.remove(session.pid());
			this.sessions.put(session.pid(), new StoredSession(session, now));
		}
	}

	@Nullable RestoredSession restore(String pid, String offset) {
		long sequence = parseOffset(offset);
		synchronized (this.lock) {
			long now = this.clock.getAsLong();
			evictSessions(now);
			evictPackets(now);
			StoredSession stored = this.sessions.remove(pid);
			if (stored == null || sequence < 0 || this.packets.isEmpty()
					|| sequence < this.packets.getFirst().sequence() || sequence > this.lastSequence) {
				// Unknown or expired session, or an offset no longer kept: a new session.
				return null;
			}
			Set<String> rooms = stored.session().rooms();
			List<ArrayNode> missed = new ArrayList<>();
			Iterator<StoredPacket> newestFirst = this.packets.descendingIterator();
			while (newestFirst.hasNext()) {
				StoredPacket packet = newestFirst.next();
				if (packet.sequence() <= sequence) {
					break;
				}
				if (packet.reaches(rooms)) {
					missed.add(packet.data());
				}
			}
			Collections.reverse(missed);
			return new RestoredSession(stored.session(), missed);
		}
	}

	int packetCount() {
		synchronized (this.lock) {
			return this.packets.size();
		}
	}

	int sessionCount() {
		synchronized (this.lock) {
			return this.sessions.size();
		}
	}

	private void evictPackets(long now) {
		while (!this.packets.isEmpty() && now - this.packets.getFirst().storedAt() > this.windowNanos) {
			this.packets.removeFirst();
		}
	}

	private void evictSessions(long now) {
		Iterator<StoredSession> oldestFirst = this.sessions.values().iterator();
		while (oldestFirst.hasNext() && now - oldestFirst.next().disconnectedAt() > this.windowNanos) {
			oldestFirst.remove();
		}
	}

	/** A decimal sequence number, or -1 for anything else (offsets of other servers). */
	private static long parseOffset(String offset) {
		if (offset.isEmpty() || offset.length() > 18) {
			return -1;
		}
		long value = 0;
		for (int i = 0; i < offset.length(); i++) {
			char c = offset.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private record StoredSession(SocketIoSession session, long disconnectedAt) {
	}

	private record StoredPacket(long sequence, long storedAt, ArrayNode data, BroadcastOptions options) {

		/** Whether a socket in these rooms was a recipient. */
		boolean reaches(Set<String> sessionRooms) {
			return this.options.reaches(sessionRooms);
		}

	}

}
