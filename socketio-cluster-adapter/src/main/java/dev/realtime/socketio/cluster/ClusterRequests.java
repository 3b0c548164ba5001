package dev.realtime.socketio.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import dev.realtime.socketio.server.adapter.BroadcastAckHandler;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What a {@link ClusterAdapter} waits for from the other nodes: requests
 * ({@code fetchSockets}, {@code serverSideEmit} with acks) until every target answered or
 * the timeout, and the handlers of broadcasts with acks until their timeout. It matches
 * each answer to its request by {@code requestId}; the adapter publishes and builds the
 * errors.
 */
final class ClusterRequests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final Map<String, PendingRequest> requests = new ConcurrentHashMap<>();

	private final Map<String, BroadcastAckHandler> ackRequests = new ConcurrentHashMap<>();

	private final PendingRequest.TimeoutFailure timeoutFailure;

	private final BiFunction<String, @Nullable Throwable, RuntimeException> failure;

	ClusterRequests(PendingRequest.TimeoutFailure timeoutFailure,
			BiFunction<String, @Nullable Throwable, RuntimeException> failure) {
		this.timeoutFailure = timeoutFailure;
		this.failure = failure;
	}

	/**
	 * Keep the handler of a broadcast with acks until its timeout: the caller counts the
	 * answers, so the handler is forgotten once the request cannot complete.
	 */
	void awaitAcks(String requestId, BroadcastAckHandler handler, Duration timeout) {
		this.ackRequests.put(requestId, handler);
		Schedulers.parallel()
			.schedule(() -> this.ackRequests.remove(requestId), timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Publish a request and wait for the answers of the targets, or fail at the timeout
	 * with the answers counted so far. The request is published once it waits, since
	 * transports may send at once rather than on subscription, and an answer may come
	 * back before the publisher returns.
	 */
	Mono<List<JsonNode>> send(int type, String operation, String requestId, ClusterAdapter.Targets targets,
			Duration timeout, Supplier<Mono<String>> publish) {
		return Mono.create((sink) -> {
			Set<String> nodes = targets.nodes();
			PendingRequest pending = (nodes != null)
					? new PendingRequest(type, operation, nodes, timeout.toMillis(), sink, this.timeoutFailure)
					: new PendingRequest(type, operation, targets.count(), timeout.toMillis(), sink,
							this.timeoutFailure);
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
			publish.get().subscribe(null, (error) -> {
				if (this.requests.remove(requestId, pending)) {
					pending.fail(this.failure
						.apply(operation + " could not reach the other nodes: " + error.getMessage(), error));
				}
			});
		});
	}

	/** Stop waiting for the answers of a node that left. */
	void nodeLeft(String nodeUid) {
		for (PendingRequest pending : this.requests.values()) {
			pending.nodeLeft(nodeUid);
		}
	}

	/** An answer to a request of this node, or an acknowledgement of its broadcast. */
	void onResponse(String sender, int type, JsonNode data) {
		String requestId = data.path("requestId").asString("");
		if (type == ClusterMessages.BROADCAST_CLIENT_COUNT || type == ClusterMessages.BROADCAST_ACK) {
			@Nullable BroadcastAckHandler ackHandler = this.ackRequests.get(requestId);
			if (ackHandler == null) {
				return;
			}
			if (type == ClusterMessages.BROADCAST_CLIENT_COUNT) {
				ackHandler.clientCount(data.path("clientCount").asInt(0));
			}
			else {
				ackHandler.ack(packet(data));
			}
			return;
		}
		@Nullable PendingRequest pending = this.requests.get(requestId);
		if (pending == null) {
			return;
		}
		if (type == ClusterMessages.FETCH_SOCKETS_RESPONSE) {
			JsonNode sockets = data.path("sockets");
			pending.answer(sender, sockets.isArray() ? sockets : NODES.arrayNode());
		}
		else if (type == ClusterMessages.SERVER_SIDE_EMIT_RESPONSE) {
			pending.answer(sender, packet(data));
		}
	}

	private static JsonNode packet(JsonNode data) {
		return data.path("packet").isMissingNode() ? NODES.nullNode() : data.get("packet");
	}

	/** Fail every request that waits, with the same reason. */
	void failAll(String reason) {
		for (Map.Entry<String, PendingRequest> entry : this.requests.entrySet()) {
			if (this.requests.remove(entry.getKey(), entry.getValue())) {
				entry.getValue().fail(this.failure.apply(reason, null));
			}
		}
	}

	/** Fail what waits and forget the broadcast handlers: the adapter closes. */
	void close(String reason) {
		failAll(reason);
		this.ackRequests.clear();
	}

}
