package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.function.Consumer;

import dev.realtime.socketio.netty.SocketIoRoutes;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerOptions;
import dev.realtime.socketio.internal.ServerInternals;
import dev.realtime.socketio.server.adapter.SocketIoAdapter;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * One Java node of a test cluster: a Socket.IO server on a random port with the Redis
 * adapter, its own Redis client and connections.
 */
final class TestNode implements AutoCloseable {

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

	private final AbstractRedisClient client;

	private final RedisAdapterFactory factory;

	private final SocketIoServer io;

	private final DisposableServer http;

	private boolean closed;

	private TestNode(AbstractRedisClient client, RedisAdapterFactory factory, SocketIoServer io,
			DisposableServer http) {
		this.client = client;
		this.factory = factory;
		this.io = io;
		this.http = http;
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
		return start(client, factory, customizer);
	}

	/**
	 * A node on a Redis Cluster, with the classic adapter or the sharded one.
	 */
	static TestNode start(TestRedisCluster cluster, boolean sharded) {
		RedisClusterClient client = RedisClusterClient.create(cluster.resources(), cluster.seeds());
		client.setOptions(RedisAdapterFactory.defaultClusterClientOptions());
		RedisAdapterFactory factory = RedisAdapterFactory.create(client,
				RedisAdapterOptions.builder().requestTimeout(REQUEST_TIMEOUT).sharded(sharded).build());
		return start(client, factory, (options) -> {
		});
	}

	private static TestNode start(AbstractRedisClient client, RedisAdapterFactory factory,
			Consumer<SocketIoServerOptions.Builder> customizer) {
		SocketIoServerOptions.Builder options = SocketIoServerOptions.builder().adapterFactory(factory);
		customizer.accept(options);
		SocketIoServer io = SocketIoServer.create(options.build());
		DisposableServer http = HttpServer.create().host("127.0.0.1").port(0).route(SocketIoRoutes.of(io)).bindNow();
		return new TestNode(client, factory, io, http);
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

	SocketIoServer io() {
		return this.io;
	}

	RedisAdapterFactory factory() {
		return this.factory;
	}

	RedisAdapter adapter() {
		return this.factory.adapter(this.io.sockets());
	}

	/** The adapter of the main namespace, whichever the factory made. */
	SocketIoAdapter anyAdapter() {
		return ServerInternals.adapter(this.io.sockets());
	}

	int serverCount() {
		return anyAdapter().serverCount().block(REQUEST_TIMEOUT);
	}

	String url(String namespace) {
		return "http://127.0.0.1:" + this.http.port() + namespace;
	}

	/**
	 * Stop the node the way a crash would: its clients' connections and its Redis
	 * connections drop, nothing is said to anyone.
	 */
	void kill() {
		this.http.disposeNow(Duration.ofSeconds(5));
		this.factory.close();
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
