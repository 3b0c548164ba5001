package dev.realtime.socketio.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import dev.realtime.socketio.engine.packet.EngineIoParseException;
import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.engine.packet.EnginePacketType;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.MonoSink;

/**
 * The long-polling side of a session: the packets waiting for a poll, the GET held open
 * until there are some, the one POST allowed in flight, and the last poll that a close
 * over polling waits for.
 * <p>
 * Confined to the session's executor like the session itself, but for the POST slot,
 * which a POST claims on its own thread before it reads its body.
 */
final class PollingTransport {

	private static final AtomicIntegerFieldUpdater<PollingTransport> POST_IN_FLIGHT = AtomicIntegerFieldUpdater
		.newUpdater(PollingTransport.class, "postInFlight");

	private static final long POLLING_CLOSE_TIMEOUT_MS = 30_000;

	private static final long CLIENT_CLOSE_GRACE_MS = 1_000;

	private final EngineIoSession session;

	private final PollingPayloads payloads;

	/**
	 * Packets waiting for a poll; created by the first one (a WebSocket session has
	 * none).
	 */
	private @Nullable ArrayDeque<EnginePacket> buffer;

	/** The queued messages' estimated size, which the outbound limit counts. */
	private long bufferedBytes;

	private @Nullable MonoSink<PollResponse> waiting;

	/** 1 while a POST is in flight: only one may be. */
	private volatile int postInFlight;

	/** What the next poll gets once the session is closing. */
	private EnginePacket closingPacket = EnginePacket.CLOSE;

	private @Nullable ScheduledFuture<?> closeTimeoutTask;

	PollingTransport(EngineIoSession session, PollingPayloads payloads) {
		this.session = session;
		this.payloads = payloads;
	}

	// The POST slot

	/** Thread-safe: claim the POST slot; {@code false} when another POST holds it. */
	boolean startPost() {
		return POST_IN_FLIGHT.compareAndSet(this, 0, 1);
	}

	/** Thread-safe: free the POST slot. */
	void endPost() {
		this.postInFlight = 0;
	}

	/**
	 * Handle a POST body (a {@code String}, or the bytes of an EIO3 binary payload) once
	 * the POST slot is free again; returns the response for the request.
	 */
	PollResponse onPost(Object body) {
		if (this.session.isClosing() && this.closingPacket == EnginePacket.CLOSE) {
			// A server-side close waits for the client's last poll; until then the
			// reference still knows the session and answers a POST "ok", ignoring its
			// packets (a pong that crossed the close, say), instead of 400.
			return PollResponse.OK;
		}
		if (!this.session.isOpen() || this.session.transport() != EngineIoTransport.POLLING) {
			return PollResponse.BAD_REQUEST;
		}
		List<EnginePacket> packets;
		try {
			packets = this.payloads.decode(body, this.session.options().maxPayloadPackets());
		}
		catch (EngineIoParseException ex) {
			this.session.close(EngineIoCloseReason.PARSE_ERROR,
					Objects.requireNonNullElse(ex.getMessage(), "parse error"));
			return PollResponse.BAD_REQUEST;
		}
		for (int i = 0; i < packets.size() && this.session.isOpen(); i++) {
			this.session.onPacket(packets.get(i));
		}
		return PollResponse.OK;
	}

	// The waiting GET

	/** A GET: answered at once, or held open until there are packets for it. */
	void onPoll(MonoSink<PollResponse> sink) {
		if (this.session.isClosed()) {
			// Found before it closed: the reference would not have found it at all.
			sink.success(PollResponse.UNKNOWN_SID);
			return;
		}
		WebSocketUpgrade upgrade = this.session.webSockets().upgrade();
		if (upgrade != null && !upgrade.probeLoop().inEventLoop()) {
			// An upgrade is under way on another loop, which may not have read the
			// upgrade
			// packet the client sent before this request: that loop reads what has
			// arrived
			// before it runs its tasks, so the poll is decided there, after the upgrade.
			EventLoop probeLoop = upgrade.probeLoop();
			probeLoop.execute(() -> this.session.executeHere(() -> onPoll(sink), probeLoop));
			return;
		}
		if (this.waiting != null) {
			// Only one GET may be in flight: the reference answers the second with 400
			// and
			// closes the session, completing the first with a close packet.
			sink.success(PollResponse.BAD_REQUEST);
			this.session.close(EngineIoCloseReason.TRANSPORT_ERROR, "overlapping poll");
			return;
		}
		if (this.session.transport() != EngineIoTransport.POLLING) {
			sink.success(PollResponse.BAD_REQUEST);
			return;
		}
		// The request may have been cancelled before this task ran: onCancel then runs
		// the
		// callback at once, so the poll must already be waiting for it to be seen as
		// aborted.
		this.waiting = sink;
		sink.onCancel(() -> this.session.execute(() -> onPollAborted(sink)));
		if (this.waiting != sink) {
			return;
		}
		if (this.session.isClosing()) {
			// The session is gone before the answer leaves, so that the client's next
			// poll,
			// wherever it runs, finds no session.
			buffer().add(this.closingPacket);
			PollResponse last = this.payloads.encode(copy());
			this.waiting = null;
			this.session.finishClose();
			sink.success(last);
		}
		else {
			// Also during an upgrade: the poll waits, as in the reference, for packets or
			// for
			// the upgrade's next noop (WebSocketUpgrade), which comes only once the probe
			// ping
			// arrived. A noop before then would end polls that the client has not paused.
			flush();
		}
	}

	private void onPollAborted(MonoSink<PollResponse> sink) {
		if (this.waiting == sink) {
			this.waiting = null;
			this.session.close(EngineIoCloseReason.TRANSPORT_ERROR, "poll connection closed prematurely");
		}
	}

	/** Whether a GET is held open, waiting for packets. */
	boolean isWaiting() {
		return this.waiting != null;
	}

	/** Answer the waiting GET, if any, with this response, whatever is queued. */
	void answer(PollResponse response) {
		MonoSink<PollResponse> poll = this.waiting;
		if (poll != null) {
			this.waiting = null;
			poll.success(response);
		}
	}

	// Outbound packets

	/**
	 * Whether a packet written now would go out at once: a GET waits and nothing is
	 * queued.
	 */
	boolean writable() {
		return this.waiting != null && size() == 0;
	}

	/** Queue messages for the next poll, counting them toward the outbound limit. */
	void add(List<EnginePacket> packets) {
		buffer().addAll(packets);
		for (int i = 0; i < packets.size(); i++) {
			this.bufferedBytes += packets.get(i).estimatedSize();
		}
	}

	/** Whether the queue has grown past the outbound limit. */
	boolean exceeds(long maxBytes, int maxPackets) {
		return this.bufferedBytes > maxBytes || size() > maxPackets;
	}

	/** The number of queued packets. */
	int size() {
		ArrayDeque<EnginePacket> buffer = this.buffer;
		return (buffer != null) ? buffer.size() : 0;
	}

	/** Answer the waiting GET, if any, with every queued packet. */
	void flush() {
		MonoSink<PollResponse> poll = this.waiting;
		if (poll != null && size() > 0) {
			this.waiting = null;
			List<EnginePacket> packets = copy();
			clear();
			poll.success(this.payloads.encode(packets));
		}
	}

	/**
	 * Answer the waiting GET, if any, with the queued packets and then this one (a noop
	 * or a close, which the outbound limit does not count).
	 */
	void flushWith(EnginePacket last) {
		if (this.waiting != null) {
			buffer().add(last);
			flush();
		}
	}

	/**
	 * Empty the queue, returning its messages (the noops that released polls dropped).
	 */
	List<EnginePacket> takeMessages() {
		List<EnginePacket> messages = copy();
		messages.removeIf((packet) -> packet.type() == EnginePacketType.NOOP);
		clear();
		return messages;
	}

	// Closing

	/**
	 * The session closes while no GET waits: the next poll still gets an answer, a close
	 * packet after a server-side close (the reference waits 30 s for it), a noop for a
	 * poll that raced the client's own close packet (a short grace). Later requests get
	 * "Session ID unknown".
	 */
	void closeOnNextPoll(boolean clientClose) {
		this.closingPacket = clientClose ? EnginePacket.NOOP : EnginePacket.CLOSE;
		this.closeTimeoutTask = this.session.schedule(this.session::finishClose,
				clientClose ? CLIENT_CLOSE_GRACE_MS : POLLING_CLOSE_TIMEOUT_MS);
	}

	/**
	 * Answer the waiting GET, if any, with the closing packet alone (a server shutdown).
	 */
	void answerClosing() {
		answer(this.payloads.encode(List.of(this.closingPacket)));
	}

	/**
	 * The session is closed: no poll is awaited any more, and nothing queued will go out.
	 */
	void closed() {
		ScheduledFuture<?> closeTimeout = this.closeTimeoutTask;
		if (closeTimeout != null) {
			closeTimeout.cancel(false);
		}
		clear();
	}

	/** Drop the queue's storage, once the session has moved to a WebSocket. */
	void release() {
		clear();
		this.buffer = null;
	}

	/** Drop every queued packet. */
	void clear() {
		ArrayDeque<EnginePacket> buffer = this.buffer;
		if (buffer != null) {
			buffer.clear();
		}
		this.bufferedBytes = 0;
	}

	private ArrayDeque<EnginePacket> buffer() {
		ArrayDeque<EnginePacket> buffer = this.buffer;
		if (buffer == null) {
			buffer = new ArrayDeque<>();
			this.buffer = buffer;
		}
		return buffer;
	}

	private List<EnginePacket> copy() {
		ArrayDeque<EnginePacket> buffer = this.buffer;
		return (buffer != null) ? new ArrayList<>(buffer) : new ArrayList<>(1);
	}

}
