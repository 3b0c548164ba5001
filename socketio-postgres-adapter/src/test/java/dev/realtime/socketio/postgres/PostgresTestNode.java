package dev.realtime.socketio.postgres;

import java.time.Duration;
import java.util.function.Consumer;

import dev.realtime.socketio.internal.ServerInternals;
import dev.realtime.socketio.netty.SocketIoRoutes;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerOptions;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * One Java node of a test cluster: a Socket.IO server on a random port with the Postgres
 * adapter and its own factory (its own listening connection).
 */
final class PostgresTestNode implements AutoCloseable {

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

	private final PostgresAdapterFactory factory;

	private final SocketIoServer io;

	private final DisposableServer http;

	private boolean closed;

	private PostgresTestNode(PostgresAdapterFactory factory, SocketIoServer io, DisposableServer http) {
		this.factory = factory;
		this.io = io;
		this.http = http;
	}

	static PostgresTestNode start(TestPostgres postgres) {
		return start(postgres, (options) -> {
		});
	}

	static PostgresTestNode start(TestPostgres postgres, Consumer<PostgresAdapterOptions.Builder> customizer) {
		PostgresAdapterOptions.Builder options = PostgresAdapterOptions.builder()
			.requestTimeout(REQUEST_TIMEOUT)
			.reconnectDelay(Duration.ofMillis(300));
		customizer.accept(options);
		PostgresAdapterFactory factory = PostgresAdapterFactory.create(postgres.dataSource(), options.build());
		SocketIoServer io = SocketIoServer.create(SocketIoServerOptions.builder().adapterFactory(factory).build());
		DisposableServer http = HttpServer.create().host("127.0.0.1").port(0).route(SocketIoRoutes.of(io)).bindNow();
		return new PostgresTestNode(factory, io, http);
	}

	/**
	 * Let clients join rooms with a {@code join} event (acknowledged), and keep their
	 * {@code auth.user} and the node's label as socket data.
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
		});
	}

	SocketIoServer io() {
		return this.io;
	}

	PostgresAdapterFactory factory() {
		return this.factory;
	}

	PostgresAdapter adapter() {
		return (PostgresAdapter) ServerInternals.adapter(this.io.sockets());
	}

	int serverCount() {
		return adapter().serverCount().block(REQUEST_TIMEOUT);
	}

	String url(String namespace) {
		return "http://127.0.0.1:" + this.http.port() + namespace;
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
		}
	}

}
