package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.realtime.socketio.cluster.PendingRequest;
import dev.realtime.socketio.server.adapter.BroadcastAckHandler;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * This node's requests to the other nodes of a namespace, correlated with their answers
 * by request id: the answers on the response channels go to the request that asked, or to
 * the acknowledgement handler of a broadcast with acks. A request ends with its last
 * answer, its timeout, a lost Redis connection or the adapter's close, whichever comes
 * first.
 */
final class RedisRequests {

	private static final Logger logger = Loggers.getLogger(RedisRequests.class);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final RedisConnections connections;

	private final String uid;

	private final String requestChannel;

	private final Duration requestTimeout;

	private final Map<String, PendingRequest> requests = new ConcurrentHashMap<>();

	private final Map<String, BroadcastAckHandler> ackRequests = new ConcurrentHashMap<>();

	RedisRequests(RedisConnections connections, String uid, String requestChannel, Duration requestTimeout) {
		this.connections = connections;
		this.uid = uid;
		this.requestChannel = requestChannel;
		this.requestTimeout = requestTimeout;
	}

	/** The number of servers: the subscribers of the namespace's request channel. */
	Mono<Integer> serverCount() {
		return this.connections.numsub(this.requestChannel)
			.timeout(this.requestTimeout,
					Mono.error(() -> new RedisAdapterException(
							"Redis did not answer PUBSUB NUMSUB within " + this.requestTimeout.toMillis() + " ms")))
			.map((count) -> Math.max(1, count));
	}

	ObjectNode request(int type, String requestId) {
		ObjectNode request = NODES.objectNode();
		request.put("uid", this.uid);
		request.put("requestId", requestId);
		request.put("type", type);
		return request;
	}

	/**
	 * Ask every other node for a list of names and merge their answers with the local
	 * ones.
	 */
	Mono<Set<String>> collect(int type, String operation, Set<String> local, Consumer<ObjectNode> body) {
		return serverCount().flatMap((servers) -> {
			if (servers <= 1) {
				return Mono.just(local);
			}
			String requestId = Messages.randomId(10);
			ObjectNode request = request(type, requestId);
			body.accept(request);
			return send(type, operation, requestId, servers - 1, Messages.json(request), this.requestTimeout)
				.map((answers) -> {
					Set<String> names = new LinkedHashSet<>(local);
					answers.forEach((answer) -> answer.forEach((name) -> names.add(name.asString())));
					return names;
				});
		});
	}

	/**
	 * Publish a request and wait for {@code expected} answers, or fail at the timeout
	 * with the answers counted so far.
	 */
	Mono<List<JsonNode>> send(int type, String operation, String requestId, int expected, byte[] message,
			Duration timeout) {
		return Mono.create((sink) -> {
			PendingRequest pending = new PendingRequest(type, operation, expected, timeout.toMillis(), sink,
					RedisRequestTimeoutException::new);
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
			this.connections.publish(this.requestChannel, message).subscribe(null, (error) -> {
				if (this.requests.remove(requestId, pending)) {
					pending.fail(new RedisAdapterException(
							operation + " could not reach the other nodes: " + error.getMessage(), error));
				}
			});
		});
	}

	/**
	 * Route the client counts and acknowledgements that answer a broadcast to its handler
	 * until the timeout.
	 */
	void expectAcks(String requestId, BroadcastAckHandler handler, Duration timeout) {
		this.ackRequests.put(requestId, handler);
		// Answers are counted by the caller; forget the request once it cannot complete.
		Schedulers.parallel()
			.schedule(() -> this.ackRequests.remove(requestId), timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** An answer to a request of this node, or an acknowledgement of its broadcast. */
	void onResponse(byte[] message) {
		JsonNode response;
		try {
			response = Messages.parse(message);
		}
		catch (RuntimeException ex) {
			logger.debug("Redis adapter ignored a malformed response", ex);
			return;
		}
		String requestId = response.path("requestId").asString("");
		@Nullable BroadcastAckHandler ackHandler = this.ackRequests.get(requestId);
		if (ackHandler != null) {
			int type = response.path("type").asInt(-1);
			if (type == Messages.BROADCAST_CLIENT_COUNT) {
				ackHandler.clientCount(response.path("clientCount").asInt(0));
			}
			else if (type == Messages.BROADCAST_ACK) {
				ackHandler.ack(response.path("packet").isMissingNode() ? NODES.nullNode() : response.get("packet"));
			}
			return;
		}
		@Nullable PendingRequest pending = this.requests.get(requestId);
		if (pending == null) {
			return;
		}
		if (pending.type() == Messages.REMOTE_FETCH || pending.type() == Messages.SOCKETS) {
			JsonNode sockets = response.path("sockets");
			pending.answer(sockets.isArray() ? sockets : NODES.arrayNode());
		}
		else if (pending.type() == Messages.ALL_ROOMS) {
			JsonNode rooms = response.path("rooms");
			pending.answer(rooms.isArray() ? rooms : NODES.arrayNode());
		}
		else if (pending.type() == Messages.SERVER_SIDE_EMIT) {
			pending.answer(response.path("data").isMissingNode() ? NODES.nullNode() : response.get("data"));
		}
	}

	/** Whether a request on the request channel is one of this node's own. */
	boolean isOwn(String requestId) {
		return this.requests.containsKey(requestId) || this.ackRequests.containsKey(requestId);
	}

	void connectionLost() {
		for (Map.Entry<String, PendingRequest> entry : this.requests.entrySet()) {
			if (this.requests.remove(entry.getKey(), entry.getValue())) {
				PendingRequest pending = entry.getValue();
				pending.fail(new RedisAdapterException(
						"Lost the connection to Redis while " + pending.operation() + " was waiting for answers: "
								+ pending.answered() + " of " + pending.expected() + " other node(s) answered"));
			}
		}
	}

	/** Fail the waiting requests with the reason and forget the broadcasts' handlers. */
	void close(String reason) {
		for (Map.Entry<String, PendingRequest> entry : this.requests.entrySet()) {
			if (this.requests.remove(entry.getKey(), entry.getValue())) {
				entry.getValue().fail(new RedisAdapterException(reason));
			}
		}
		this.ackRequests.clear();
	}

}
