package dev.realtime.socketio.postgres;

import dev.realtime.socketio.cluster.ClusterAdapterException;

/**
 * Signals that the Postgres adapter could not reach the other nodes: Postgres is
 * unreachable, or the listening connection was lost while a request was waiting for
 * answers.
 *
 * @since 0.1.0
 */
public class PostgresAdapterException extends ClusterAdapterException {

	/**
	 * Create an exception.
	 * @param message what failed
	 */
	public PostgresAdapterException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a cause.
	 * @param message what failed
	 * @param cause the cause
	 */
	public PostgresAdapterException(String message, Throwable cause) {
		super(message, cause);
	}

}
