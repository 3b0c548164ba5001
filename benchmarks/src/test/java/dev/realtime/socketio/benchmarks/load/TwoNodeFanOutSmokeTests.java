package dev.realtime.socketio.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import redis.embedded.RedisServer;

import dev.realtime.socketio.benchmarks.server.EngineBenchServer;
import dev.realtime.socketio.benchmarks.server.ServerArguments;
import dev.realtime.socketio.redis.RedisAdapterFactory;
import dev.realtime.socketio.redis.RedisAdapterOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs S7 for about a second at a tiny scale against two nodes of the engine variant on
 * one Redis (the binary embedded-redis ships): every receiver, on either node, gets every
 * message exactly once. Measures nothing.
 */
class TwoNodeFanOutSmokeTests {

	private static RedisServer redis;

	private static RedisAdapterFactory[] adapters;

	private static DisposableServer[] servers;

	@BeforeAll
	static void start() throws IOException {
		int port = freePort();
		redis = RedisServer.newRedisServer()
			.port(port)
			.bind("127.0.0.1")
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		redis.start();
		adapters = new RedisAdapterFactory[2];
		servers = new DisposableServer[2];
		for (int i = 0; i < 2; i++) {
			adapters[i] = RedisAdapterFactory.create(RedisURI.create("127.0.0.1", port),
					RedisAdapterOptions.defaults());
			servers[i] = EngineBenchServer.start(new ServerArguments("127.0.0.1", 0), adapters[i]);
		}
	}

	@AfterAll
	static void stop() throws IOException {
		for (int i = 0; i < 2; i++) {
			servers[i].disposeNow();
			adapters[i].close();
		}
		redis.stop();
	}

	@Test
	void everyReceiverOnEitherNodeGetsEveryMessageOnce() throws Exception {
		long pid = ProcessHandle.current().pid();
		String json = LoadGenerator.run(Map.of("scenario", "S7", "port", Integer.toString(servers[0].port()), "port2",
				Integer.toString(servers[1].port()), "server", "engine", "pid", pid + "," + pid, "kind", "jvm", "scale",
				"0.005", "warmup", "0.3", "measure", "0.7"));
		assertThat(json).startsWith("{\"server\":\"engine\",\"scenario\":\"S7\"")
			.contains("\"receivers_a\":5.0000", "\"receivers_b\":5.0000", "\"paced_lost\":0.0000",
					"\"paced_duplicated\":0.0000", "\"burst_lost\":0.0000", "\"burst_duplicated\":0.0000",
					"\"redis_cpu_us_per_message\":null")
			.doesNotContain("\"deliveries_per_s\":null", "\"paced_remote_p99_ms\":null");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return socket.getLocalPort();
		}
	}

}
