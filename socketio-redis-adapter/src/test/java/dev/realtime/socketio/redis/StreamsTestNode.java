package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.function.Consumer;

import dev.realtime.socketio.server.SocketIoServerOptions;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;

/**
 * One Java node of a test cluster on the Redis Streams adapter, on one Redis or a Redis
 * Cluster.
 */
final class StreamsTestNode extends RedisTestNode<RedisStreamsAdapterFactory> {

	private StreamsTestNode(AbstractRedisClient client, Consumer<SocketIoServerOptions.Builder> customizer,
			RedisStreamsAdapterFactory factory) {
		super(client, factory, factory::close, customizer);
	}

	static StreamsTestNode start(TestRedis redis) {
		return start(redis, (options) -> {
		});
	}

	static StreamsTestNode start(TestRedis redis, Consumer<SocketIoServerOptions.Builder> customizer) {
		RedisClient client = RedisClient.create(redis.resources(), RedisURI.create(redis.uri()));
		client.setOptions(RedisAdapterFactory.defaultClientOptions());
		return new StreamsTestNode(client, customizer, RedisStreamsAdapterFactory.create(client, options().build()));
	}

	/**
	 * A node on a Redis Cluster, with a cluster client of its own, its requests on
	 * classic or sharded pub/sub.
	 */
	static StreamsTestNode start(TestRedisCluster cluster, boolean shardedPubSub,
			Consumer<SocketIoServerOptions.Builder> customizer) {
		RedisClusterClient client = RedisClusterClient.create(cluster.resources(), cluster.seeds());
		client.setOptions(RedisAdapterFactory.defaultClusterClientOptions());
		return new StreamsTestNode(client, customizer,
				RedisStreamsAdapterFactory.create(client, options().shardedPubSub(shardedPubSub).build()));
	}

	/** Short reads, so a test that stops Redis sees the readers notice it soon. */
	private static RedisStreamsAdapterOptions.Builder options() {
		return RedisStreamsAdapterOptions.builder().requestTimeout(REQUEST_TIMEOUT).blockTime(Duration.ofSeconds(1));
	}

	RedisStreamsAdapter adapter() {
		return factory().adapter(io().sockets());
	}

}
