package dev.realtime.socketio.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.engine.packet.EnginePacketType;
import dev.realtime.socketio.engine.packet.EnginePayloadCodec;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.MonoSink;

/**
 * The long-polling side of a session: the packets waiting for a poll, the GET held open
 * until there are some, and the one POST allowed in flight.
 * <p>
 * Confined to the session's executor like the session itself, but for the POST slot, which
 * a POST claims on its own thread before it reads its body.
 */
final class PollingTransport {

	private static final AtomicIntegerFieldUpdater<PollingTransport> POST_IN_FLIGHT = AtomicIntegerFieldUpdater
		.newUpdater(PollingTransport.class, "postInFlight");

	/** Packets waiting for a poll; created by the first one (a WebSocket session has none). */
	private @Nullable ArrayDeque<EnginePacket> buffer;

	/** The queued messages' estimated size, which the outbound limit counts. */
	private long bufferedBytes;

	private @Nullable MonoSink<PollResponse> waiting;

	/** 1 while a POST is in flight: only one may be. */
	private volatile int postInFlight;

	// The POST slot

	/** Thread-safe: claim the POST slot; {@code false} when another POST holds it. */
	boolean startPost() {
		return POST_IN_FLIGHT.compareAndSet(this, 0, 1);
	}

	/** Thread-safe: free the POST slot. */
	void endPost() {
		this.postInFlight = 0;
	}

	// The waiting GET

	/** Whether a GET is held open, waiting for packets. */
	boolean isWaiting() {
		return this.waiting != null;
	}

	/**
	 * Hold a GET open until there are packets for it.
	 * @param sink the GET's answer
	 * @param onCancel what to do when the GET ends before it is answered
	 * @return {@code false} when the GET was cancelled already, and {@code onCancel} has run
	 */
	boolean hold(MonoSink<PollResponse> sink, Disposable onCancel) {
		// The request may have been cancelled before this task ran: onCancel then runs the
		// callback at once, so the poll must already be waiting for it to be seen as aborted.
		this.waiting = sink;
		sink.onCancel(onCancel);
		return this.waiting == sink;
	}

	/** Forget a GET that ended unanswered; {@code false} when it is not the one waiting. */
	boolean abandon(MonoSink<PollResponse> sink) {
		if (this.waiting != sink) {
			return false;
		}
		this.waiting = null;
		return true;
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

	/** Whether a packet written now would go out at once: a GET waits and nothing is queued. */
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
			poll.success(PollResponse.payload(EnginePayloadCodec.encodePayload(packets)));
		}
	}

	/**
	 * Answer the waiting GET, if any, with the queued packets and then this one (a noop or a
	 * close, which the outbound limit does not count).
	 */
	void flushWith(EnginePacket last) {
		if (this.waiting != null) {
			buffer().add(last);
			flush();
		}
	}

	/** Empty the queue, returning its messages (the noops that released polls dropped). */
	List<EnginePacket> takeMessages() {
		List<EnginePacket> messages = copy();
		messages.removeIf((packet) -> packet.type() == EnginePacketType.NOOP);
		clear();
		return messages;
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
