package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.function.Consumer;

import dev.realtime.socketio.internal.ServerInternals;
import dev.realtime.socketio.netty.SocketIoRoutes;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerOptions;
import dev.realtime.socketio.server.adapter.SocketIoAdapter;
import dev.realtime.socketio.server.adapter.SocketIoAdapterFactory;
import io.lettuce.core.AbstractRedisClient;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * One Java node of a test cluster on a Redis adapter: a Socket.IO server on a random
 * loopback port with the factory's adapter, its own Redis client and connections.
 *
 * @param <F> the adapter factory
 */
abstract class RedisTestNode<F extends SocketIoAdapterFactory> implements AutoCloseable {

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

	private final AbstractRedisClient client;

	private final F factory;

	private final Runnable closeFactory;

	private final SocketIoServer io;

	private final DisposableServer http;

	private boolean closed;

	RedisTestNode(AbstractRedisClient client, F factory, Runnable closeFactory,
			Consumer<SocketIoServerOptions.Builder> customizer) {
		this.client = client;
		this.factory = factory;
		this.closeFactory = closeFactory;
		SocketIoServerOptions.Builder options = SocketIoServerOptions.builder().adapterFactory(factory);
		customizer.accept(options);
		this.io = SocketIoServer.create(options.build());
		this.http = HttpServer.create().host("127.0.0.1").port(0).route(SocketIoRoutes.of(this.io)).bindNow();
	}

	SocketIoServer io() {
		return this.io;
	}

	F factory() {
		return this.factory;
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
		this.closeFactory.run();
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
			this.closeFactory.run();
			this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

}
