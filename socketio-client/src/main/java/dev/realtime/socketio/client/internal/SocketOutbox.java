package dev.realtime.socketio.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import dev.realtime.socketio.client.SocketIoDisconnectedException;
import dev.realtime.socketio.protocol.SocketIoPacket;

/**
 * The outgoing side of a {@link DefaultClientSocket}: the events it emits, sent at once
 * while it is connected and held until its CONNECT acknowledgement otherwise, and the
 * acknowledgements they wait for. Its state is changed on the client's executor only.
 */
final class SocketOutbox {

	private final DefaultClientSocket socket;

	private final DefaultSocketIoClient client;

	private final ClientExecutor executor;

	private final Payloads payloads;

	private final PendingAcks acks;

	/** What was emitted before the CONNECT acknowledgement, sent right after it. */
	private final List<SocketIoPacket> buffer = new ArrayList<>();

	SocketOutbox(DefaultClientSocket socket, DefaultSocketIoClient client, Payloads payloads) {
		this.socket = socket;
		this.client = client;
		this.executor = client.executor();
		this.payloads = payloads;
		this.acks = new PendingAcks(this.executor);
	}

	void emit(String event, Object... args) {
		ArrayNode data = this.payloads.event(event, args);
		if (this.socket.finished()) {
			throw disconnected(event);
		}
		this.executor.execute(() -> sendOrBuffer(SocketIoPacket.event(this.socket.namespace(), data)));
	}

	Mono<List<JsonNode>> emitWithAck(Duration timeout, String event, Object... args) {
		Objects.requireNonNull(timeout, "timeout");
		return Mono.defer(() -> {
			ArrayNode data = this.payloads.event(event, args);
			return Mono.create((sink) -> this.executor.execute(() -> {
				if (this.socket.finished()) {
					sink.error(disconnected(event));
					return;
				}
				long ackId = this.acks.register(event, timeout, sink);
				sendOrBuffer(SocketIoPacket.event(this.socket.namespace(), data, ackId));
			}));
		});
	}

	<T> Mono<T> emitWithAck(Duration timeout, Class<T> type, String event, Object... args) {
		return emitWithAck(timeout, event, args).handle((reply, sink) -> {
			try {
				T value = this.payloads.firstReply(reply, type, event);
				if (value != null) {
					sink.next(value);
				}
			}
			catch (IllegalArgumentException ex) {
				sink.error(ex);
			}
		});
	}

	private SocketIoDisconnectedException disconnected(String event) {
		return new SocketIoDisconnectedException("Cannot emit '" + event + "' on " + this.socket.namespace(),
				"disconnected for good");
	}

	private void sendOrBuffer(SocketIoPacket packet) {
		if (this.socket.connected()) {
			this.client.send(packet);
		}
		else if (!this.socket.finished()) {
			this.buffer.add(packet);
		}
	}

	/** Send what was emitted before the CONNECT acknowledgement, in order. */
	void flush() {
		List<SocketIoPacket> buffered = List.copyOf(this.buffer);
		this.buffer.clear();
		buffered.forEach(this.client::send);
	}

	/** Drop what was held: the socket is finished. */
	void clear() {
		this.buffer.clear();
	}

	/** Complete the wait for an ack; an unknown id is ignored. */
	void ackReceived(long ackId, JsonNode data) {
		this.acks.complete(ackId, data);
	}

	/** Fail every wait for an ack: the socket was disconnected. */
	void failAcks(String reason) {
		this.acks.failAll(reason);
	}

}
