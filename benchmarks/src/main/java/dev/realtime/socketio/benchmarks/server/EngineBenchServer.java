package dev.realtime.socketio.benchmarks.server;

import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisURI;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.node.ArrayNode;

import dev.realtime.socketio.engine.EngineIoOptions;
import dev.realtime.socketio.netty.SocketIoRoutes;
import dev.realtime.socketio.postgres.PostgresAdapterFactory;
import dev.realtime.socketio.redis.RedisAdapterFactory;
import dev.realtime.socketio.redis.RedisAdapterOptions;
import dev.realtime.socketio.redis.RedisStreamsAdapterFactory;
import dev.realtime.socketio.redis.RedisStreamsAdapterOptions;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerOptions;
import dev.realtime.socketio.server.adapter.SocketIoAdapterFactory;

/**
 * The bench server of {@code spec/BENCH-APP.md} on the engine API alone, without Spring:
 * the baseline that shows what the Spring layer costs.
 * <p>
 * {@code java -Xmx1g -jar bench-server-engine.jar --server.port=PORT --server.address=127.0.0.1}
 *
 * @since 0.1.0
 */
public final class EngineBenchServer {

	private EngineBenchServer() {
	}

	public static void main(String[] args) {
		// --redis.port=N: run on the Redis adapter, Redis on 127.0.0.1:N (scenario S7);
		// --redis.adapter=redis-streams: on the Redis Streams adapter instead;
		// --postgres.port=N: on the Postgres adapter, Postgres on 127.0.0.1:N (S7PG)
		SocketIoAdapterFactory adapter = null;
		String adapterName = "";
		int redisPort = 0;
		int postgresPort = 0;
		boolean streams = false;
		for (String arg : args) {
			if (arg.startsWith("--redis.port=")) {
				redisPort = Integer.parseInt(arg.substring("--redis.port=".length()));
			}
			else if (arg.startsWith("--postgres.port=")) {
				postgresPort = Integer.parseInt(arg.substring("--postgres.port=".length()));
			}
			else if (arg.equals("--redis.adapter=redis-streams")) {
				streams = true;
			}
		}
		if (redisPort != 0) {
			RedisURI uri = RedisURI.create("127.0.0.1", redisPort);
			adapter = streams ? RedisStreamsAdapterFactory.create(uri, RedisStreamsAdapterOptions.defaults())
					: RedisAdapterFactory.create(uri, RedisAdapterOptions.defaults());
			adapterName = streams ? " with the Redis Streams adapter" : " with the Redis adapter";
		}
		else if (postgresPort != 0) {
			adapter = postgresAdapter(postgresPort);
			adapterName = " with the Postgres adapter";
		}
		DisposableServer server = start(ServerArguments.parse(args), adapter);
		System.out.println("engine bench server listening on " + server.host() + ":" + server.port() + adapterName);
		server.onDispose().block();
	}

	/**
	 * The pool of S7PG's Postgres adapter: HikariCP with its defaults (as Spring Boot's
	 * pool of the Spring variant), user {@code postgres} without a password, database
	 * {@code postgres}. A pool as an application has one, so that the adapter's
	 * {@code NOTIFY}s reuse connections as Node's {@code pg.Pool} does.
	 * @param port the Postgres port on 127.0.0.1
	 * @return the pool; close it after the adapter factory
	 */
	public static HikariDataSource postgresPool(int port) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
		config.setUsername("postgres");
		config.setPoolName("bench-postgres");
		return new HikariDataSource(config);
	}

	private static PostgresAdapterFactory postgresAdapter(int port) {
		HikariDataSource pool = postgresPool(port);
		PostgresAdapterFactory factory = PostgresAdapterFactory.create(pool);
		// run.sh stops the server with SIGTERM: say goodbye to the other node, free the
		// connections
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			factory.close();
			pool.close();
		}, "bench-postgres-close"));
		return factory;
	}

	/**
	 * Start the bench server.
	 * @param arguments where to bind ({@code 0} for any free port)
	 * @return the bound server
	 */
	public static DisposableServer start(ServerArguments arguments) {
		return start(arguments, null);
	}

	/**
	 * Start the bench server, on an adapter.
	 * @param arguments where to bind ({@code 0} for any free port)
	 * @param adapterFactory the adapter (the Redis one for S7, the Postgres one for
	 * S7PG), or {@code null} for the in-memory one
	 * @return the bound server
	 */
	public static DisposableServer start(ServerArguments arguments, SocketIoAdapterFactory adapterFactory) {
		SocketIoServerOptions.Builder options = SocketIoServerOptions.builder()
			.engine(EngineIoOptions.builder()
				.path("/socket.io/")
				.pingInterval(Duration.ofMillis(25_000))
				.pingTimeout(Duration.ofMillis(20_000))
				.maxHttpBufferSize(1_000_000)
				.perMessageDeflate(false)
				.build())
			.serveClient(false);
		if (adapterFactory != null) {
			options.adapterFactory(adapterFactory);
		}
		SocketIoServer io = SocketIoServer.create(options.build());
		io.onConnection((socket) -> {
			socket.on("echo", (eventArgs, ack) -> socket.emit("echo", spread(eventArgs)));
			socket.on("ack", (eventArgs, ack) -> {
				if (ack != null) {
					ack.send(spread(eventArgs));
				}
			});
			socket.on("join", (eventArgs, ack) -> {
				String room = eventArgs.get(0).asString();
				socket.join(room);
				if (ack != null) {
					ack.send(room);
				}
			});
			socket.on("broadcast",
					(eventArgs, ack) -> io.to(eventArgs.get(0).asString()).emit("msg", eventArgs.get(1)));
		});
		return HttpServer.create()
			.host(arguments.address())
			.port(arguments.port())
			.route(SocketIoRoutes.of(io))
			.bindNow();
	}

	static Object[] spread(ArrayNode args) {
		Object[] values = new Object[args.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = args.get(i);
		}
		return values;
	}

}
