package dev.realtime.socketio.client;

import java.time.Duration;

/**
 * The server did not acknowledge an event within the time given to
 * {@link ClientSocket#emitWithAck(Duration, String, Object...)}.
 *
 * @since 0.1.0
 */
public class AckTimeoutException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String event;

	private final Duration timeout;

	/**
	 * Create an exception.
	 * @param event the event that was not acknowledged
	 * @param timeout how long the client waited
	 */
	public AckTimeoutException(String event, Duration timeout) {
		super("No ack for event '" + event + "' within " + timeout.toMillis() + " ms");
		this.event = event;
		this.timeout = timeout;
	}

	/**
	 * Return the event that was not acknowledged.
	 * @return the event name
	 */
	public String event() {
		return this.event;
	}

	/**
	 * Return how long the client waited for the ack.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

}
