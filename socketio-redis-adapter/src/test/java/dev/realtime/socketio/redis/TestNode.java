package dev.realtime.socketio.redis;

import java.util.function.Consumer;

import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerOptions;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;

/**
 * One Java node of a test cluster on the Redis adapter (classic or sharded).
 */
final class TestNode extends RedisTestNode<RedisAdapterFactory> {

	private TestNode(AbstractRedisClient client, RedisAdapterFactory factory,
			Consumer<SocketIoServerOptions.Builder> customizer) {
		super(client, factory, factory::close, customizer);
	}

	static TestNode start(TestRedis redis) {
		return start(redis, (options) -> {
		});
	}

	static TestNode start(TestRedis redis, Consumer<SocketIoServerOptions.Builder> customizer) {
		RedisClient client = RedisClient.create(redis.resources(), RedisURI.create(redis.uri()));
		client.setOptions(RedisAdapterFactory.defaultClientOptions());
		RedisAdapterFactory factory = RedisAdapterFactory.create(client,
				RedisAdapterOptions.builder().requestTimeout(REQUEST_TIMEOUT).build());
		return new TestNode(client, factory, customizer);
	}

	/**
	 * A node on a Redis Cluster, with the classic adapter or the sharded one.
	 */
	static TestNode start(TestRedisCluster cluster, boolean sharded) {
		RedisClusterClient client = RedisClusterClient.create(cluster.resources(), cluster.seeds());
		client.setOptions(RedisAdapterFactory.defaultClusterClientOptions());
		RedisAdapterFactory factory = RedisAdapterFactory.create(client,
				RedisAdapterOptions.builder().requestTimeout(REQUEST_TIMEOUT).sharded(sharded).build());
		return new TestNode(client, factory, (options) -> {
		});
	}

	/**
	 * Let clients join rooms with a {@code join} event (acknowledged), broadcast a
	 * {@code shout} to the others, and keep their {@code auth.user} and the node's label
	 * as socket data.
	 */
	static void configure(SocketIoServer io, Object label) {
		io.onConnection((socket) -> {
			socket.data().put("node", label);
			socket.data().put("user", socket.handshake().auth().path("user").asString(""));
			socket.on("join", (args, ack) -> {
				socket.join(args.get(0).asString());
				if (ack != null) {
					ack.send("joined");
				}
			});
			socket.on("shout", (args, ack) -> socket.broadcast().emit("shout", args.get(0)));
		});
	}

	RedisAdapter adapter() {
		return factory().adapter(io().sockets());
	}

}
