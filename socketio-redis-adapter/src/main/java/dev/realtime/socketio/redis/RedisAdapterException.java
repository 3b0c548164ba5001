package dev.realtime.socketio.redis;

import dev.realtime.socketio.cluster.ClusterAdapterException;

/**
 * Signals that the Redis adapter could not reach the other nodes: Redis is unreachable,
 * or the connection was lost while a request was waiting for answers.
 *
 * @since 0.1.0
 */
public class RedisAdapterException extends ClusterAdapterException {

	/**
	 * Create an exception.
	 * @param message what failed
	 */
	public RedisAdapterException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a cause.
	 * @param message what failed
	 * @param cause the cause
	 */
	public RedisAdapterException(String message, Throwable cause) {
		super(message, cause);
	}

}
