package dev.realtime.socketio.cluster;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.MonoSink;
import tools.jackson.databind.JsonNode;

/**
 * A request to the other nodes that waits for their answers: either a known number of
 * them (when the transport counts the servers) or one from each node known by its uid
 * (when heartbeats track the nodes, as Node's {@code ClusterAdapterWithHeartbeat} does; a
 * node that leaves is no longer waited for).
 *
 * @since 0.1.0
 */
public final class PendingRequest {

	private final int type;

	private final String operation;

	private final int expected;

	private final @Nullable Set<String> missingNodes;

	private final long timeoutMillis;

	private final MonoSink<List<JsonNode>> sink;

	private final TimeoutFailure timeoutFailure;

	private final List<JsonNode> answers = new ArrayList<>();

	private boolean done;

	/**
	 * Create a request that waits for a number of answers.
	 * @param type the request's message type
	 * @param operation what is asked, such as {@code fetchSockets}, for error messages
	 * @param expected how many answers complete it
	 * @param timeoutMillis how long it waits, for error messages
	 * @param sink where the answers go
	 * @param timeoutFailure the error of a request that timed out
	 */
	public PendingRequest(int type, String operation, int expected, long timeoutMillis, MonoSink<List<JsonNode>> sink,
			TimeoutFailure timeoutFailure) {
		this.type = type;
		this.operation = operation;
		this.expected = expected;
		this.missingNodes = null;
		this.timeoutMillis = timeoutMillis;
		this.sink = sink;
		this.timeoutFailure = timeoutFailure;
	}

	/**
	 * Create a request that waits for an answer of each of the given nodes.
	 * @param type the request's message type
	 * @param operation what is asked, for error messages
	 * @param nodes the uids of the nodes that must answer
	 * @param timeoutMillis how long it waits, for error messages
	 * @param sink where the answers go
	 * @param timeoutFailure the error of a request that timed out
	 */
	public PendingRequest(int type, String operation, Set<String> nodes, long timeoutMillis,
			MonoSink<List<JsonNode>> sink, TimeoutFailure timeoutFailure) {
		this.type = type;
		this.operation = operation;
		this.expected = nodes.size();
		this.missingNodes = new LinkedHashSet<>(nodes);
		this.timeoutMillis = timeoutMillis;
		this.sink = sink;
		this.timeoutFailure = timeoutFailure;
	}

	/**
	 * Return the request's message type.
	 * @return the type
	 */
	public int type() {
		return this.type;
	}

	/**
	 * Return what is asked.
	 * @return the operation, such as {@code fetchSockets}
	 */
	public String operation() {
		return this.operation;
	}

	/**
	 * Return how many answers were expected.
	 * @return the number of other nodes asked
	 */
	public int expected() {
		return this.expected;
	}

	/**
	 * Return how many answers came so far.
	 * @return the number of answers
	 */
	public synchronized int answered() {
		return this.answers.size();
	}

	/**
	 * Record one node's answer; completes the request with the last one.
	 * @param answer the answer
	 */
	public synchronized void answer(JsonNode answer) {
		answer(null, answer);
	}

	/**
	 * Record the answer of a node; completes the request once every node answered.
	 * @param node the uid of the node that answered, {@code null} when unknown
	 * @param answer the answer
	 */
	public synchronized void answer(@Nullable String node, JsonNode answer) {
		if (this.done) {
			return;
		}
		this.answers.add(answer);
		if (this.missingNodes != null) {
			if (node != null) {
				this.missingNodes.remove(node);
			}
			completeIfAnswered();
		}
		else if (this.answers.size() >= this.expected) {
			complete();
		}
	}

	/**
	 * Stop waiting for a node that left the cluster.
	 * @param node its uid
	 */
	public synchronized void nodeLeft(String node) {
		if (!this.done && this.missingNodes != null && this.missingNodes.remove(node)) {
			completeIfAnswered();
		}
	}

	private void completeIfAnswered() {
		if (this.missingNodes != null && this.missingNodes.isEmpty()) {
			complete();
		}
	}

	private void complete() {
		this.done = true;
		this.sink.success(List.copyOf(this.answers));
	}

	/** Fail the request with the answers counted so far, as its time is up. */
	public synchronized void timeout() {
		if (!this.done) {
			this.done = true;
			this.sink.error(
					this.timeoutFailure.create(this.operation, this.timeoutMillis, this.answers.size(), this.expected));
		}
	}

	/**
	 * Fail the request.
	 * @param error why
	 */
	public synchronized void fail(Throwable error) {
		if (!this.done) {
			this.done = true;
			this.sink.error(error);
		}
	}

	/** Creates the error of a request that timed out. */
	@FunctionalInterface
	public interface TimeoutFailure {

		/**
		 * Create the error.
		 * @param operation what was asked
		 * @param timeoutMillis how long it waited
		 * @param answered how many other nodes answered
		 * @param expected how many other nodes were expected to answer
		 * @return the error
		 */
		RuntimeException create(String operation, long timeoutMillis, int answered, int expected);

	}

}
