package dev.realtime.socketio.cluster;

/**
 * Signals that a request to the other nodes ({@code fetchSockets}, {@code serverSideEmit}
 * with acknowledgements) did not get every answer in time, saying how many nodes
 * answered.
 *
 * @since 0.1.0
 */
public class ClusterRequestTimeoutException extends ClusterAdapterException {

	private final int answered;

	private final int expected;

	/**
	 * Create an exception.
	 * @param operation the request, such as {@code fetchSockets}
	 * @param timeoutMillis how long it waited
	 * @param answered how many other nodes answered
	 * @param expected how many other nodes were expected to answer
	 */
	public ClusterRequestTimeoutException(String operation, long timeoutMillis, int answered, int expected) {
		super(operation + " timed out after " + timeoutMillis + " ms: " + answered + " of " + expected
				+ " other node(s) answered");
		this.answered = answered;
		this.expected = expected;
	}

	/**
	 * Return how many other nodes answered in time.
	 * @return the number of answers
	 */
	public int answered() {
		return this.answered;
	}

	/**
	 * Return how many other nodes were expected to answer.
	 * @return the number of other nodes when the request was sent
	 */
	public int expected() {
		return this.expected;
	}

}
