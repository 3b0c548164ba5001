package dev.realtime.socketio.conformance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import dev.realtime.socketio.testsupport.SocketIoNodeDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.args;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster mode (docs/protocol.md 3.4): two instances of the app on one Redis.
 */
class ConformanceAppClusterIntegrationTests {

	private static RedisServer redis;

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startCluster() throws IOException {
		int redisPort = freePort();
		redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"").build();
		redis.start();
		first = node(redisPort);
		second = node(redisPort);
	}

	@AfterAll
	static void stopCluster() throws IOException {
		second.close();
		first.close();
		redis.stop();
	}

	private static ConfigurableApplicationContext node(int redisPort) {
		return new SpringApplicationBuilder(ConformanceApplication.class).run("--server.port=0",
				"--socketio.adapter.type=redis", "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + redisPort);
	}

	private static String url(ConfigurableApplicationContext node) {
		return "http://127.0.0.1:" + node.getEnvironment().getProperty("local.server.port") + "/";
	}

	@Test
	void roomMessagesAndFetchesReachEveryNodeExactlyOnce() {
		try (SocketIoNodeDriver driver = SocketIoNodeDriver.start()) {
			Map<String, String> urls = Map.of("a", url(first), "b", url(second), "c", url(second));
			urls.forEach((id, url) -> {
				driver.connect(id, url, Map.of("transports", List.of("websocket")));
				driver.await(id, "connect");
			});
			for (String id : List.of("a", "b")) {
				driver.emitWithAck(id, "join-" + id, "join", "r");
				driver.awaitAck(id, "join-" + id);
			}
			driver.emitWithAck("c", "sockets", "cluster-sockets", "r");
			assertThat(args(driver.awaitAck("c", "sockets")).get(0)).hasSize(2);
			driver.emitWithAck("c", "all", "to-room-all", "r", "hello");
			driver.awaitAck("c", "all");
			assertThat(args(driver.awaitEvent("a", "room-message")).toString()).isEqualTo("[\"hello\"]");
			assertThat(args(driver.awaitEvent("b", "room-message")).toString()).isEqualTo("[\"hello\"]");
			driver.emitWithAck("a", "bc", "broadcast", "news");
			driver.awaitAck("a", "bc");
			driver.awaitEvent("b", "broadcast-message");
			driver.awaitEvent("c", "broadcast-message");
			// A marker from the other node proves no duplicate arrived before it.
			driver.emitWithAck("c", "marker", "to-room-all", "r", "marker");
			driver.awaitAck("c", "marker");
			driver.awaitEvent("a", "room-message");
			assertThat(driver.received((line) -> "a".equals(line.path("id").asString())
					&& "room-message".equals(line.path("event").asString())))
				.hasSize(2);
			assertThat(driver.received((line) -> "c".equals(line.path("id").asString())
					&& "room-message".equals(line.path("event").asString())))
				.isEmpty();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return socket.getLocalPort();
		}
	}

}
