package dev.realtime.socketio.redis.autoconfigure;

import dev.realtime.socketio.internal.ServerInternals;
import dev.realtime.socketio.redis.RedisAdapter;
import dev.realtime.socketio.redis.RedisAdapterFactory;
import dev.realtime.socketio.redis.RedisAdapterOptions.ShardedSubscriptionMode;
import dev.realtime.socketio.redis.RedisShardedAdapter;
import dev.realtime.socketio.redis.RedisStreamsAdapterFactory;
import dev.realtime.socketio.redis.TestRedisCluster;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAutoConfiguration;
import dev.realtime.socketio.testsupport.TestFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIoRedisAdapterAutoConfiguration} and
 * {@link SocketIoRedisStreamsAdapterAutoConfiguration} on a real Redis Cluster
 * ({@code spring.data.redis.cluster.nodes}).
 */
class SocketIoRedisAdapterClusterAutoConfigurationTests {

	@RegisterExtension
	static final TestFixture<TestRedisCluster> cluster = TestFixture.of(TestRedisCluster::start);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SocketIoRedisAdapterAutoConfiguration.class, SocketIoAutoConfiguration.class))
		.withPropertyValues("socketio.adapter.type=redis", "socketio.server.port=0");

	@Test
	void shouldRunTheShardedAdapterOnTheClusterNodes() {
		this.contextRunner
			.withPropertyValues("spring.data.redis.cluster.nodes=" + cluster.get().nodes(),
					"socketio.adapter.redis.sharded=true", "socketio.adapter.redis.subscription-mode=static")
			.run((context) -> {
				RedisAdapterFactory factory = context.getBean(RedisAdapterFactory.class);
				assertThat(factory.isConnected()).isTrue();
				assertThat(factory.options().sharded()).isTrue();
				assertThat(factory.options().subscriptionMode()).isEqualTo(ShardedSubscriptionMode.STATIC);
				SocketIoServer server = context.getBean(SocketIoServer.class);
				assertThat(ServerInternals.adapter(server.sockets())).isInstanceOf(RedisShardedAdapter.class);
				assertThat(ServerInternals.adapter(server.sockets()).serverCount().block()).isEqualTo(1);
			});
	}

	@Test
	void shouldRunTheClassicAdapterOnTheClusterNodesByDefault() {
		this.contextRunner.withPropertyValues("spring.data.redis.cluster.nodes=" + cluster.get().nodes())
			.run((context) -> {
				SocketIoServer server = context.getBean(SocketIoServer.class);
				assertThat(ServerInternals.adapter(server.sockets())).isInstanceOf(RedisAdapter.class);
				assertThat(ServerInternals.adapter(server.sockets()).serverCount().block()).isEqualTo(1);
			});
	}

	@Test
	void shouldRunTheStreamsAdapterOnTheClusterNodes() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SocketIoRedisStreamsAdapterAutoConfiguration.class,
					SocketIoAutoConfiguration.class))
			.withPropertyValues("socketio.adapter.type=redis-streams", "socketio.server.port=0",
					"spring.data.redis.cluster.nodes=" + cluster.get().nodes(),
					"socketio.adapter.redis-streams.stream-name=boot-stream",
					"socketio.adapter.redis-streams.sharded-pub-sub=true")
			.run((context) -> {
				RedisStreamsAdapterFactory factory = context.getBean(RedisStreamsAdapterFactory.class);
				assertThat(factory.isConnected()).isTrue();
				assertThat(factory.options().shardedPubSub()).isTrue();
				SocketIoServer server = context.getBean(SocketIoServer.class);
				assertThat(factory.adapter(server.sockets()).stream()).isEqualTo("boot-stream");
				assertThat(ServerInternals.adapter(server.sockets()).serverCount().block()).isEqualTo(1);
				assertThat(context.getBean("socketIoRedisStreamsAdapterHealthIndicator", HealthIndicator.class)
					.health()
					.getStatus()).isEqualTo(Status.UP);
			});
	}

	@Test
	void shouldRefuseAClusterNodeWithoutAPort() {
		this.contextRunner.withPropertyValues("spring.data.redis.cluster.nodes=redis-1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("spring.data.redis.cluster.nodes takes host:port entries, not 'redis-1'"));
	}

}
