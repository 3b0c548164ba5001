package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.function.Consumer;

import dev.realtime.socketio.netty.SocketIoRoutes;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerOptions;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * One Java node of a test cluster on the Redis Streams adapter: a Socket.IO server on a
 * random port, its own Redis client and connections.
 */
final class StreamsTestNode implements AutoCloseable {

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

	private final AbstractRedisClient client;

	private final RedisStreamsAdapterFactory factory;

	private final SocketIoServer io;

	private final DisposableServer http;

	private boolean closed;

	private StreamsTestNode(AbstractRedisClient client, RedisStreamsAdapterFactory factory, SocketIoServer io,
			DisposableServer http) {
		this.client = client;
		this.factory = factory;
		this.io = io;
		this.http = http;
	}

	static StreamsTestNode start(TestRedis redis) {
		return start(redis, (options) -> {
		});
	}

	static StreamsTestNode start(TestRedis redis, Consumer<SocketIoServerOptions.Builder> customizer) {
		RedisClient client = RedisClient.create(redis.resources(), RedisURI.create(redis.uri()));
		client.setOptions(RedisAdapterFactory.defaultClientOptions());
		return start(client, RedisStreamsAdapterFactory.create(client, options()), customizer);
	}

	/**
	 * A node on a Redis Cluster, with a cluster client of its own.
	 */
	static StreamsTestNode start(TestRedisCluster cluster, Consumer<SocketIoServerOptions.Builder> customizer) {
		RedisClusterClient client = RedisClusterClient.create(cluster.resources(), cluster.seeds());
		client.setOptions(RedisAdapterFactory.defaultClusterClientOptions());
		return start(client, RedisStreamsAdapterFactory.create(client, options()), customizer);
	}

	/** Short reads, so a test that stops Redis sees the readers notice it soon. */
	private static RedisStreamsAdapterOptions options() {
		return RedisStreamsAdapterOptions.builder()
			.requestTimeout(REQUEST_TIMEOUT)
			.blockTime(Duration.ofSeconds(1))
			.build();
	}

	private static StreamsTestNode start(AbstractRedisClient client, RedisStreamsAdapterFactory factory,
			Consumer<SocketIoServerOptions.Builder> customizer) {
		SocketIoServerOptions.Builder options = SocketIoServerOptions.builder().adapterFactory(factory);
		customizer.accept(options);
		SocketIoServer io = SocketIoServer.create(options.build());
		DisposableServer http = HttpServer.create().host("127.0.0.1").port(0).route(SocketIoRoutes.of(io)).bindNow();
		return new StreamsTestNode(client, factory, io, http);
	}

	SocketIoServer io() {
		return this.io;
	}

	RedisStreamsAdapterFactory factory() {
		return this.factory;
	}

	RedisStreamsAdapter adapter() {
		return this.factory.adapter(this.io.sockets());
	}

	int serverCount() {
		return adapter().serverCount().block(REQUEST_TIMEOUT);
	}

	String url(String namespace) {
		return "http://127.0.0.1:" + this.http.port() + namespace;
	}

	/**
	 * Stop the node the way a crash would: its clients' connections and its Redis
	 * connections drop, nothing is said to anyone, no session is stored.
	 */
	void kill() {
		this.closed = true;
		this.factory.close();
		this.http.disposeNow(Duration.ofSeconds(5));
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			this.io.close().block(Duration.ofSeconds(10));
		}
		finally {
			this.http.disposeNow(Duration.ofSeconds(5));
			this.factory.close();
			this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

}
