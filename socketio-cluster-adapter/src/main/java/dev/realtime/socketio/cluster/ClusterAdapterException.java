package dev.realtime.socketio.cluster;

/**
 * Signals that a cluster adapter could not reach the other nodes: its transport is
 * unreachable, or it was lost while a request was waiting for answers.
 *
 * @since 0.1.0
 */
public class ClusterAdapterException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message what failed
	 */
	public ClusterAdapterException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a cause.
	 * @param message what failed
	 * @param cause the cause
	 */
	public ClusterAdapterException(String message, Throwable cause) {
		super(message, cause);
	}

}
