package dev.realtime.socketio.redis;

import java.time.Duration;

import dev.realtime.socketio.cluster.ClusterAdapter;
import dev.realtime.socketio.server.adapter.AdapterContext;
import org.jspecify.annotations.Nullable;

/**
 * What the Redis adapters built on {@link ClusterAdapter} (sharded pub/sub, streams)
 * share: the node's Redis connections, Redis errors for failed and timed-out requests,
 * and the requests failed at once when the connection to Redis drops, rather than at
 * their timeout.
 */
abstract class RedisClusterAdapterSupport extends ClusterAdapter {

	private final RedisConnections connections;

	private final Runnable disconnectListener;

	RedisClusterAdapterSupport(AdapterContext context, RedisConnections connections, Duration requestTimeout) {
		super(context, requestTimeout);
		this.connections = connections;
		this.disconnectListener = () -> failRequests(
				"Lost the connection to Redis while waiting for the answers of the other nodes");
		connections.onDisconnect(this.disconnectListener);
	}

	/** The connections of the node, shared by its namespaces. */
	final RedisConnections connections() {
		return this.connections;
	}

	/**
	 * Return whether the Redis connections are open.
	 * @return {@code true} while connected
	 */
	public boolean isConnected() {
		return this.connections.isConnected();
	}

	@Override
	protected RuntimeException failure(String message, @Nullable Throwable cause) {
		return (cause != null) ? new RedisAdapterException(message, cause) : new RedisAdapterException(message);
	}

	@Override
	protected RuntimeException requestTimeout(String operation, long timeoutMillis, int answered, int expected) {
		return new RedisRequestTimeoutException(operation, timeoutMillis, answered, expected);
	}

	@Override
	public void close() {
		super.close();
		this.connections.removeDisconnectListener(this.disconnectListener);
	}

}
