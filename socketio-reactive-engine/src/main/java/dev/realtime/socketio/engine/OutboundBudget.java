package dev.realtime.socketio.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import reactor.util.Logger;
import reactor.util.Loggers;

import dev.realtime.socketio.internal.RateLimitedLog;

/**
 * The server-wide budget for bytes written to WebSockets and not yet taken by their peers
 * ({@link EngineIoOptions#maxTotalBufferedBytes()}). Netty copies every heap frame into a
 * direct buffer when it is written to the channel, so these bytes are direct memory, one
 * copy per recipient of a broadcast: a few dozen clients that stop reading can exhaust it
 * well before any of them reaches its own limit.
 * <p>
 * Only transports holding more than {@link #COUNTED_ABOVE} are counted, so a write to a
 * client that keeps up touches nothing shared. Past the budget the transports are
 * measured again (a count may be stale once a peer read or a channel closed) and shed,
 * their connections dropped at once and their sessions closed with
 * {@link EngineIoCloseReason#BUFFER_OVERFLOW}, until the total is within the budget: the
 * ones whose peers left the most unread first. Writes still queued for a busy event loop
 * count towards the total but not towards the order, since they say how far behind the
 * loop is, not the client: a client that reads, on a loop that lags, is not shed before
 * one that stopped reading. Thread-safe.
 */
final class OutboundBudget {

	/**
	 * What a transport may hold without being counted: Netty's default high-water mark.
	 */
	static final long COUNTED_ABOVE = 64 * 1024;

	private static final Logger logger = Loggers.getLogger(OutboundBudget.class);

	private final RateLimitedLog log = new RateLimitedLog(logger);

	private final long limit;

	private final AtomicLong total = new AtomicLong();

	/** The transports counted now, with their sessions. */
	private final Map<WebSocketTransport, EngineIoSession> counted = new ConcurrentHashMap<>();

	private final AtomicBoolean shedding = new AtomicBoolean();

	OutboundBudget(long limit) {
		this.limit = limit;
	}

	/** The bytes counted now, across all transports. */
	long total() {
		return this.total.get();
	}

	/**
	 * After a write, from the session's thread: count what its transport holds now, and
	 * shed the largest holders if the budget is exceeded.
	 */
	void update(EngineIoSession session, WebSocketTransport ws, long pending) {
		long bytes = (pending > COUNTED_ABOVE) ? pending : 0;
		if (bytes == 0 && ws.budgeted() == 0) {
			return;
		}
		if (this.total.addAndGet(recount(session, ws, bytes)) > this.limit) {
			shed();
		}
	}

	/** Record what a transport holds; return the change of the total. */
	private long recount(EngineIoSession session, WebSocketTransport ws, long bytes) {
		// One lock per transport keeps its count and its membership in the map together,
		// whether the session's thread or a thread that sheds recounts it.
		synchronized (ws) {
			long delta = bytes - ws.budgeted();
			ws.budgeted(bytes);
			if (bytes > 0) {
				this.counted.put(ws, session);
			}
			else {
				this.counted.remove(ws);
			}
			return delta;
		}
	}

	private void shed() {
		if (!this.shedding.compareAndSet(false, true)) {
			return;
		}
		try {
			List<Holder> holders = new ArrayList<>(this.counted.size());
			for (Map.Entry<WebSocketTransport, EngineIoSession> entry : this.counted.entrySet()) {
				WebSocketTransport ws = entry.getKey();
				long pending = ws.isOpen() ? ws.pendingBytes() : 0;
				long bytes = (pending > COUNTED_ABOVE) ? pending : 0;
				this.total.addAndGet(recount(entry.getValue(), ws, bytes));
				if (bytes > 0) {
					holders.add(new Holder(entry.getValue(), ws, bytes, ws.unreadBytes()));
				}
			}
			if (this.total.get() <= this.limit) {
				return;
			}
			holders.sort((a, b) -> Long.compare(b.unread, a.unread));
			for (Holder holder : holders) {
				if (this.total.get() <= this.limit) {
					break;
				}
				this.total.addAndGet(recount(holder.session, holder.ws, 0));
				// The reason first: the dropped connection would otherwise report a
				// transport error.
				holder.session.close(EngineIoCloseReason.BUFFER_OVERFLOW);
				holder.ws.abort();
				this.log.warn(() -> "Session " + holder.session.id() + " closed: it held " + holder.bytes
						+ " bytes its client did not read, and all sessions together held more than the budget of "
						+ this.limit + " bytes (maxTotalBufferedBytes)");
			}
		}
		finally {
			this.shedding.set(false);
		}
	}

	private record Holder(EngineIoSession session, WebSocketTransport ws, long bytes, long unread) {
	}

}
