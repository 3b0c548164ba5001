package dev.realtime.socketio.redis.autoconfigure;

import java.time.Duration;

import dev.realtime.socketio.redis.RedisAdapterFactory;
import dev.realtime.socketio.redis.RedisStreamsAdapterFactory;
import dev.realtime.socketio.redis.TestRedis;
import dev.realtime.socketio.server.SocketIoServerOptions;
import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoServerCustomizer;
import dev.realtime.socketio.testsupport.TestFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SocketIoRedisStreamsAdapterAutoConfiguration}.
 */
class SocketIoRedisStreamsAdapterAutoConfigurationTests {

	@RegisterExtension
	static final TestFixture<TestRedis> redis = TestFixture.of(TestRedis::start);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIoRedisAdapterAutoConfiguration.class,
				SocketIoRedisStreamsAdapterAutoConfiguration.class));

	@Test
	void shouldBackOffForTheOtherAdapterTypes() {
		this.contextRunner.withPropertyValues("socketio.adapter.type=memory")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisStreamsAdapterFactory.class));
		this.contextRunner
			.withPropertyValues("socketio.adapter.type=redis", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + redis.get().port())
			.run((context) -> assertThat(context).doesNotHaveBean(RedisStreamsAdapterFactory.class)
				.hasSingleBean(RedisAdapterFactory.class));
	}

	@Test
	void shouldConnectWithTheSpringDataRedisSettingsAndReportHealth() {
		this.contextRunner
			.withPropertyValues("socketio.adapter.type=redis-streams", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + redis.get().port(), "socketio.adapter.redis-streams.stream-name=chat",
					"socketio.adapter.redis-streams.stream-count=2", "socketio.adapter.redis-streams.max-length=500",
					"socketio.adapter.redis-streams.block-time=1s", "socketio.adapter.redis-streams.request-timeout=2s",
					"socketio.adapter.redis-streams.session-key-prefix=chat:session:")
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisStreamsAdapterFactory.class)
					.doesNotHaveBean(RedisAdapterFactory.class);
				RedisStreamsAdapterFactory factory = context.getBean(RedisStreamsAdapterFactory.class);
				assertThat(factory.isConnected()).isTrue();
				assertThat(factory.options().streamName()).isEqualTo("chat");
				assertThat(factory.options().streamCount()).isEqualTo(2);
				assertThat(factory.options().maxLength()).isEqualTo(500);
				assertThat(factory.options().blockTime()).isEqualTo(Duration.ofSeconds(1));
				assertThat(factory.options().requestTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(factory.options().sessionKeyPrefix()).isEqualTo("chat:session:");
				SocketIoServerOptions.Builder builder = SocketIoServerOptions.builder();
				context.getBean("socketIoRedisStreamsAdapterCustomizer", SocketIoServerCustomizer.class)
					.customize(builder);
				assertThat(builder.build().adapterFactory()).isSameAs(factory);
				HealthIndicator health = context.getBean("socketIoRedisStreamsAdapterHealthIndicator",
						HealthIndicator.class);
				assertThat(health.health().getStatus()).isEqualTo(Status.UP);
				redis.get().stopServer();
				try {
					await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.DOWN));
				}
				finally {
					redis.get().startServer();
				}
				await().atMost(Duration.ofSeconds(20)).until(() -> health.health().getStatus().equals(Status.UP));
			});
	}

}
