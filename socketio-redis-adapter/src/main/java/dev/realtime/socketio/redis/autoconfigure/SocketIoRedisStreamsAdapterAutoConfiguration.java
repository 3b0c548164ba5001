package dev.realtime.socketio.redis.autoconfigure;

import java.util.List;

import dev.realtime.socketio.redis.RedisStreamsAdapterFactory;
import dev.realtime.socketio.redis.RedisStreamsAdapterOptions;
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
 * Runs the Socket.IO server on the Redis Streams adapter when
 * {@code socketio.adapter.type=redis-streams}: on the application's {@link RedisClient}
 * bean if it has one (or its {@link RedisClusterClient}), otherwise on a client of its
 * own built from the {@code spring.data.redis.*} settings: a Redis Cluster client when
 * {@code spring.data.redis.cluster.nodes} is set. With Spring Boot's health support, a
 * {@code socketIoRedisStreamsAdapter} health indicator reports DOWN while Redis is
 * unreachable.
 *
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = "dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAutoConfiguration")
@ConditionalOnClass({ SocketIoServerCustomizer.class, RedisStreamsAdapterFactory.class, RedisClient.class })
@ConditionalOnProperty(name = "socketio.adapter.type", havingValue = "redis-streams")
@EnableConfigurationProperties(SocketIoAdapterProperties.class)
public final class SocketIoRedisStreamsAdapterAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	RedisStreamsAdapterFactory socketIoRedisStreamsAdapterFactory(SocketIoAdapterProperties properties,
			ObjectProvider<RedisClient> redisClient, ObjectProvider<RedisClusterClient> redisClusterClient,
			Environment environment) {
		SocketIoAdapterProperties.RedisStreams streams = properties.getRedisStreams();
		RedisStreamsAdapterOptions options = RedisStreamsAdapterOptions.builder()
			.streamName(streams.getStreamName())
			.streamCount(streams.getStreamCount())
			.channelPrefix(streams.getChannelPrefix())
			.shardedPubSub(streams.isShardedPubSub())
			.maxLength(streams.getMaxLength())
			.readCount(streams.getReadCount())
			.blockTime(streams.getBlockTime())
			.sessionKeyPrefix(streams.getSessionKeyPrefix())
			.requestTimeout(streams.getRequestTimeout())
			.build();
		RedisClusterClient clusterClient = redisClusterClient.getIfUnique();
		if (clusterClient != null) {
			return RedisStreamsAdapterFactory.create(clusterClient, options);
		}
		RedisClient client = redisClient.getIfUnique();
		if (client != null) {
			return RedisStreamsAdapterFactory.create(client, options);
		}
		List<RedisURI> clusterNodes = RedisConnectionDetails.clusterNodes(environment);
		if (!clusterNodes.isEmpty()) {
			return RedisStreamsAdapterFactory.createCluster(clusterNodes, options);
		}
		return RedisStreamsAdapterFactory.create(RedisConnectionDetails.redisUri(environment), options);
	}

	@Bean
	SocketIoServerCustomizer socketIoRedisStreamsAdapterCustomizer(RedisStreamsAdapterFactory adapterFactory) {
		return (builder) -> builder.adapterFactory(adapterFactory);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	@ConditionalOnEnabledHealthIndicator("socketio-redis-streams-adapter")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "socketIoRedisStreamsAdapterHealthIndicator")
		HealthIndicator socketIoRedisStreamsAdapterHealthIndicator(RedisStreamsAdapterFactory adapterFactory) {
			return () -> adapterFactory.isConnected() ? Health.up().build()
					: Health.down().withDetail("reason", "Redis is unreachable; the adapter is reconnecting").build();
		}

	}

}
