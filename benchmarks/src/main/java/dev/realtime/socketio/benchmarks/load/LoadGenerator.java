package dev.realtime.socketio.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The load generator: one scenario against one server, one JSON line of metrics on stdout
 * (and appended to {@code --out}). <pre>
 * java -cp ... LoadGenerator --scenario=S2 --port=3000 --server=node --pid=1234 --kind=node
 *     [--host=127.0.0.1] [--rep=1] [--scale=1] [--warmup=2] [--measure=4] [--threads=2]
 *     [--stats-file=/tmp/node-stats.json] [--out=results.jsonl]
 * </pre> S7 (two nodes on one Redis) also takes {@code --port2=PORT} (the second node),
 * {@code --pid=PID_A,PID_B} (server CPU is their sum) and {@code --broker-pid=PID} (or
 * {@code --redis-pid=PID}: Redis); S7PG (the same on one Postgres) takes
 * {@code --broker-pid=PID} (the postmaster: its CPU and that of its backends). S8 (many
 * idle connections, one broadcast) takes {@code --connections=19000} (times
 * {@code --scale}), {@code --sources=4} (client source addresses 127.0.0.2 and up),
 * {@code --connect-rate=2000} (connections started per second) and
 * {@code --in-flight=128} (handshakes at a time).
 *
 * @since 0.1.0
 */
public final class LoadGenerator {

	private LoadGenerator() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = parse(args);
		String line = run(options);
		System.out.println(line);
		String out = options.get("out");
		if (out != null) {
			Files.writeString(Path.of(out), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		System.exit(0);
	}

	/**
	 * Run one scenario.
	 * @param options the options, without leading dashes
	 * @return the result as a JSON line
	 */
	public static String run(Map<String, String> options) throws Exception {
		String scenario = options.getOrDefault("scenario", "S2");
		String host = options.getOrDefault("host", "127.0.0.1");
		int port = Integer.parseInt(options.getOrDefault("port", "3000"));
		int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
		ProcessStats stats = new ProcessStats(ProcessStats.parsePids(options.getOrDefault("pid", "0")),
				options.getOrDefault("kind", "jvm"),
				Path.of(options.getOrDefault("stats-file", "/tmp/bench-node-stats.json")));
		// NIO, as the JVM servers use it: Reactor Netty and netty-socketio default to NIO
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
		try {
			Bootstrap bootstrap = new Bootstrap().group(group)
				.channel(NioSocketChannel.class)
				.option(ChannelOption.TCP_NODELAY, true)
				// Close with RST: thousands of connections per run must not park ports in
				// TIME_WAIT
				.option(ChannelOption.SO_LINGER, 0)
				.option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
			LoadContext context = new LoadContext(group, bootstrap, host, port, stats,
					Double.parseDouble(options.getOrDefault("scale", "1")),
					Double.parseDouble(options.getOrDefault("warmup", "2")),
					Double.parseDouble(options.getOrDefault("measure", "4")),
					Integer.parseInt(options.getOrDefault("port2", "0")), brokerStats(scenario, options), options);
			Result result = new Result(options.getOrDefault("server", "unknown"), scenario,
					Integer.parseInt(options.getOrDefault("rep", "1")));
			Scenario.named(scenario).run(context, result);
			return result.toJson();
		}
		finally {
			group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
		}
	}

	/**
	 * The broker of S7 or S7PG: Redis runs its commands on its main thread; Postgres is a
	 * postmaster with a backend process per connection, counted as a process tree.
	 */
	private static ProcessStats brokerStats(String scenario, Map<String, String> options) {
		String pid = options.getOrDefault("broker-pid", options.getOrDefault("redis-pid", "0"));
		return new ProcessStats(Long.parseLong(pid), "S7PG".equals(scenario) ? "tree" : "main-thread",
				Path.of("/dev/null"));
	}

	static Map<String, String> parse(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			if (arg.startsWith("--") && arg.contains("=")) {
				int eq = arg.indexOf('=');
				options.put(arg.substring(2, eq), arg.substring(eq + 1));
			}
		}
		return options;
	}

}
