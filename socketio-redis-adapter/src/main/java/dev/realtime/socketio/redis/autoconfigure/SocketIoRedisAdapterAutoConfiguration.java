package dev.realtime.socketio.redis.autoconfigure;

import java.util.List;

import dev.realtime.socketio.redis.RedisAdapterFactory;
import dev.realtime.socketio.redis.RedisAdapterOptions;
import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoServerCustomizer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Runs the Socket.IO server on the Redis adapter when
 * {@code socketio.adapter.type=redis}: on the application's {@link RedisClient} bean if
 * it has one (or its {@link RedisClusterClient}), otherwise on a client of its own built
 * from the {@code spring.data.redis.*} settings: a Redis Cluster client when
 * {@code spring.data.redis.cluster.nodes} is set. With
 * {@code socketio.adapter.redis.sharded=true} it uses sharded pub/sub. With Spring Boot's
 * health support, a {@code socketIoRedisAdapter} health indicator reports DOWN while
 * Redis is unreachable.
 *
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = "dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAutoConfiguration")
@ConditionalOnClass({ SocketIoServerCustomizer.class, RedisAdapterFactory.class, RedisClient.class })
@ConditionalOnProperty(name = "socketio.adapter.type", havingValue = "redis")
@EnableConfigurationProperties(SocketIoAdapterProperties.class)
public final class SocketIoRedisAdapterAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	RedisAdapterFactory socketIoRedisAdapterFactory(SocketIoAdapterProperties properties,
			ObjectProvider<RedisClient> redisClient, ObjectProvider<RedisClusterClient> redisClusterClient,
			Environment environment) {
		SocketIoAdapterProperties.Redis redis = properties.getRedis();
		RedisAdapterOptions options = RedisAdapterOptions.builder()
			.keyPrefix(redis.getKeyPrefix())
			.requestTimeout(redis.getRequestTimeout())
			.publishOnSpecificResponseChannel(redis.isPublishOnSpecificResponseChannel())
			.streamMaxLength(redis.getStreamMaxLength())
			.sharded(redis.isSharded())
			.subscriptionMode(redis.getSubscriptionMode())
			.build();
		RedisClusterClient clusterClient = redisClusterClient.getIfUnique();
		if (clusterClient != null) {
			return RedisAdapterFactory.create(clusterClient, options);
		}
		RedisClient client = redisClient.getIfUnique();
		if (client != null) {
			return RedisAdapterFactory.create(client, options);
		}
		List<RedisURI> clusterNodes = RedisConnectionDetails.clusterNodes(environment);
		if (!clusterNodes.isEmpty()) {
			return RedisAdapterFactory.createCluster(clusterNodes, options);
		}
		return RedisAdapterFactory.create(RedisConnectionDetails.redisUri(environment), options);
	}

	@Bean
	SocketIoServerCustomizer socketIoRedisAdapterCustomizer(RedisAdapterFactory adapterFactory) {
		return (builder) -> builder.adapterFactory(adapterFactory);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	@ConditionalOnEnabledHealthIndicator("socketio-redis-adapter")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "socketIoRedisAdapterHealthIndicator")
		HealthIndicator socketIoRedisAdapterHealthIndicator(RedisAdapterFactory adapterFactory) {
			return () -> adapterFactory.isConnected() ? Health.up().build()
					: Health.down().withDetail("reason", "Redis is unreachable; the adapter is reconnecting").build();
		}

	}

}
