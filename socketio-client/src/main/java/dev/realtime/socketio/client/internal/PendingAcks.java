package dev.realtime.socketio.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import reactor.core.Disposable;
import reactor.core.publisher.MonoSink;
import tools.jackson.databind.JsonNode;

import dev.realtime.socketio.client.AckTimeoutException;
import dev.realtime.socketio.client.SocketIoDisconnectedException;

/**
 * The acks one socket waits for, by id, each with its timeout. Used on the client's
 * executor only.
 */
final class PendingAcks {

	private final ClientExecutor executor;

	private final Map<Long, Waiter> waiters = new HashMap<>();

	private long nextId;

	PendingAcks(ClientExecutor executor) {
		this.executor = executor;
	}

	/**
	 * Wait for an ack; the sink fails with {@link AckTimeoutException} after the timeout.
	 * @return the ack id to send with the event
	 */
	long register(String event, Duration timeout, MonoSink<List<JsonNode>> sink) {
		long id = this.nextId++;
		Disposable timer = this.executor.schedule(() -> {
			if (this.waiters.remove(id) != null) {
				sink.error(new AckTimeoutException(event, timeout));
			}
		}, timeout);
		this.waiters.put(id, new Waiter(event, sink, timer));
		sink.onCancel(() -> this.executor.execute(() -> {
			Waiter waiter = this.waiters.remove(id);
			if (waiter != null) {
				waiter.timer().dispose();
			}
		}));
		return id;
	}

	/**
	 * Complete the wait for an ack; an unknown id is ignored.
	 */
	void complete(long id, JsonNode data) {
		Waiter waiter = this.waiters.remove(id);
		if (waiter != null) {
			waiter.timer().dispose();
			List<JsonNode> args = new ArrayList<>(data.size());
			data.forEach(args::add);
			waiter.sink().success(args);
		}
	}

	/**
	 * Fail every wait: the socket was disconnected, so no ack can come.
	 */
	void failAll(String reason) {
		List<Waiter> pending = List.copyOf(this.waiters.values());
		this.waiters.clear();
		for (Waiter waiter : pending) {
			waiter.timer().dispose();
			waiter.sink()
				.error(new SocketIoDisconnectedException(
						"No ack for event '" + waiter.event() + "': the socket was disconnected", reason));
		}
	}

	private record Waiter(String event, MonoSink<List<JsonNode>> sink, Disposable timer) {
	}

}
