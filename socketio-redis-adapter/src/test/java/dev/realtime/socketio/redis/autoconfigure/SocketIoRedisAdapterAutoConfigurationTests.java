package dev.realtime.socketio.redis.autoconfigure;

import java.time.Duration;

import dev.realtime.socketio.internal.ServerInternals;
import dev.realtime.socketio.redis.RedisAdapter;
import dev.realtime.socketio.redis.RedisAdapterFactory;
import dev.realtime.socketio.redis.TestRedis;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerOptions;
import dev.realtime.socketio.server.adapter.InMemoryAdapter;
import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAutoConfiguration;
import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoServerCustomizer;
import dev.realtime.socketio.testsupport.TestFixture;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SocketIoRedisAdapterAutoConfiguration}.
 */
class SocketIoRedisAdapterAutoConfigurationTests {

	@RegisterExtension
	static final TestFixture<TestRedis> redis = TestFixture.of(TestRedis::start);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIoRedisAdapterAutoConfiguration.class));

	private String redisPort() {
		return "spring.data.redis.port=" + redis.get().port();
	}

	@Test
	void shouldBackOffWithoutTheAdapterTypeProperty() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(RedisAdapterFactory.class)
			.doesNotHaveBean(SocketIoServerCustomizer.class));
	}

	@Test
	void shouldBackOffForTheMemoryAdapter() {
		this.contextRunner.withPropertyValues("socketio.adapter.type=memory")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisAdapterFactory.class));
	}

	@Test
	void shouldConnectWithTheSpringDataRedisSettings() {
		this.contextRunner
			.withPropertyValues("socketio.adapter.type=redis", "spring.data.redis.host=127.0.0.1", redisPort(),
					"socketio.adapter.redis.key-prefix=chat", "socketio.adapter.redis.request-timeout=2s",
					"socketio.adapter.redis.publish-on-specific-response-channel=true",
					"socketio.adapter.redis.stream-max-length=500")
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisAdapterFactory.class)
					.hasSingleBean(SocketIoServerCustomizer.class);
				RedisAdapterFactory factory = context.getBean(RedisAdapterFactory.class);
				assertThat(factory.isConnected()).isTrue();
				assertThat(factory.options().keyPrefix()).isEqualTo("chat");
				assertThat(factory.options().requestTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(factory.options().publishOnSpecificResponseChannel()).isTrue();
				assertThat(factory.options().streamMaxLength()).isEqualTo(500);
				SocketIoServerOptions.Builder builder = SocketIoServerOptions.builder();
				context.getBean(SocketIoServerCustomizer.class).customize(builder);
				assertThat(builder.build().adapterFactory()).isSameAs(factory);
			});
	}

	@Test
	void shouldConnectWithASpringDataRedisUrl() {
		this.contextRunner
			.withPropertyValues("socketio.adapter.type=redis", "spring.data.redis.url=" + redis.get().uri())
			.run((context) -> assertThat(context.getBean(RedisAdapterFactory.class).isConnected()).isTrue());
	}

	@Test
	void shouldUseTheApplicationsRedisClient() {
		// spring.data.redis.port points nowhere: only the client bean can connect.
		this.contextRunner.withUserConfiguration(RedisClientConfiguration.class)
			.withPropertyValues("socketio.adapter.type=redis", "spring.data.redis.port=1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(RedisAdapterFactory.class).isConnected()).isTrue();
			});
	}

	@Test
	void shouldFailFastWhenRedisIsUnreachableAtStartup() {
		this.contextRunner.withPropertyValues("socketio.adapter.type=redis", "spring.data.redis.port=1")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void shouldRunTheSocketIoServerOnTheRedisAdapter() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(SocketIoAutoConfiguration.class))
			.withPropertyValues("socketio.adapter.type=redis", "spring.data.redis.url=" + redis.get().uri(),
					"socketio.server.port=0")
			.run((context) -> {
				SocketIoServer server = context.getBean(SocketIoServer.class);
				assertThat(ServerInternals.adapter(server.sockets())).isInstanceOf(RedisAdapter.class);
				assertThat(ServerInternals.adapter(server.of("/chat"))).isInstanceOf(RedisAdapter.class);
			});
	}

	@Test
	void shouldKeepTheInMemoryAdapterByDefault() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(SocketIoAutoConfiguration.class))
			.withPropertyValues("socketio.server.port=0")
			.run((context) -> assertThat(ServerInternals.adapter(context.getBean(SocketIoServer.class).sockets()))
				.isExactlyInstanceOf(InMemoryAdapter.class));
	}

	@Test
	void healthIndicatorIsDownWhileRedisIsUnreachableAndUpAfter() {
		this.contextRunner
			.withPropertyValues("socketio.adapter.type=redis", "spring.data.redis.url=" + redis.get().uri())
			.run((context) -> {
				HealthIndicator health = context.getBean("socketIoRedisAdapterHealthIndicator", HealthIndicator.class);
				assertThat(health.health().getStatus()).isEqualTo(Status.UP);
				redis.get().stopServer();
				try {
					await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.DOWN));
				}
				finally {
					redis.get().startServer();
				}
				await().atMost(Duration.ofSeconds(30)).until(() -> health.health().getStatus().equals(Status.UP));
			});
	}

	@Test
	void healthIndicatorCanBeDisabled() {
		this.contextRunner
			.withPropertyValues("socketio.adapter.type=redis", "spring.data.redis.url=" + redis.get().uri(),
					"management.health.socketio-redis-adapter.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("socketIoRedisAdapterHealthIndicator"));
	}

	@Configuration(proxyBeanMethods = false)
	static class RedisClientConfiguration {

		@Bean(destroyMethod = "shutdown")
		RedisClient redisClient() {
			return RedisClient.create(redis.get().uri());
		}

	}

}
