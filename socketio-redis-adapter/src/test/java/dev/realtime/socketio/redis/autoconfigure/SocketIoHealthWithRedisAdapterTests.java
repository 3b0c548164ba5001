package dev.realtime.socketio.redis.autoconfigure;

import java.time.Duration;

import dev.realtime.socketio.redis.TestRedis;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAutoConfiguration;
import dev.realtime.socketio.spring.boot.autoconfigure.actuate.SocketIoHealthIndicator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for the {@code socketIo} health of a server on the Redis adapter: the details
 * name the adapter and whether it reaches Redis.
 */
class SocketIoHealthWithRedisAdapterTests {

	private static TestRedis redis;

	@BeforeAll
	static void startRedis() {
		redis = TestRedis.start();
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@Test
	void healthDetailsNameTheRedisAdapterAndItsConnection() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SocketIoRedisAdapterAutoConfiguration.class, SocketIoAutoConfiguration.class))
			.withPropertyValues("socketio.server.port=0", "socketio.adapter.type=redis",
					"spring.data.redis.url=" + redis.uri())
			.run((context) -> {
				SocketIoHealthIndicator indicator = new SocketIoHealthIndicator(context.getBean(SocketIoServer.class));
				Health up = indicator.health(true);
				assertThat(up.getStatus()).isEqualTo(Status.UP);
				assertThat(up.getDetails()).containsEntry("adapter", "redis").containsEntry("adapterConnected", true);
				redis.stopServer();
				try {
					await().atMost(Duration.ofSeconds(10))
						.until(() -> indicator.health(true).getStatus().equals(Status.DOWN));
					assertThat(indicator.health(true).getDetails()).containsEntry("adapterConnected", false)
						.containsEntry("reason", "the cluster adapter cannot reach redis");
				}
				finally {
					redis.startServer();
				}
				await().atMost(Duration.ofSeconds(30))
					.until(() -> indicator.health(true).getStatus().equals(Status.UP));
			});
	}

}
