package dev.realtime.socketio.redis;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.MonoSink;
import tools.jackson.databind.JsonNode;

/**
 * A request to the other nodes that waits for a known number of answers.
 */
final class PendingRequest {

	private final int type;

	private final String operation;

	private final int expected;

	private final long timeoutMillis;

	private final MonoSink<List<JsonNode>> sink;

	private final List<JsonNode> answers = new ArrayList<>();

	private boolean done;

	PendingRequest(int type, String operation, int expected, long timeoutMillis, MonoSink<List<JsonNode>> sink) {
		this.type = type;
		this.operation = operation;
		this.expected = expected;
		this.timeoutMillis = timeoutMillis;
		this.sink = sink;
	}

	int type() {
		return this.type;
	}

	/**
	 * Record one node's answer; completes the request with the last one.
	 */
	synchronized void answer(JsonNode answer) {
		if (this.done) {
			return;
		}
		this.answers.add(answer);
		if (this.answers.size() >= this.expected) {
			this.done = true;
			this.sink.success(List.copyOf(this.answers));
		}
	}

	synchronized void timeout() {
		if (!this.done) {
			this.done = true;
			this.sink.error(new RedisRequestTimeoutException(this.operation, this.timeoutMillis, this.answers.size(),
					this.expected));
		}
	}

	synchronized void connectionLost() {
		fail(new RedisAdapterException(
				"Lost the connection to Redis while " + this.operation + " was waiting for answers: "
						+ this.answers.size() + " of " + this.expected + " other node(s) answered"));
	}

	synchronized void fail(Throwable error) {
		if (!this.done) {
			this.done = true;
			this.sink.error(error);
		}
	}

}
