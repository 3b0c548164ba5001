package dev.realtime.socketio.server;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Signals that acknowledgements did not all arrive within the emit's timeout.
 *
 * @since 0.1.0
 */
public class AckTimeoutException extends RuntimeException {

	private final int expected;

	private final List<JsonNode> responses;

	/**
	 * Create an exception.
	 * @param expected how many answers were expected
	 * @param responses the answers that did arrive
	 */
	public AckTimeoutException(int expected, List<JsonNode> responses) {
		super("operation has timed out: " + (expected - responses.size()) + " of " + expected
				+ " recipient(s) did not answer", null, false, false);
		this.expected = expected;
		this.responses = List.copyOf(responses);
	}

	/**
	 * Return how many answers were expected.
	 * @return the number of recipients
	 */
	public int expected() {
		return this.expected;
	}

	/**
	 * Return the answers that arrived in time.
	 * @return the answers
	 */
	public List<JsonNode> responses() {
		return this.responses;
	}

}
