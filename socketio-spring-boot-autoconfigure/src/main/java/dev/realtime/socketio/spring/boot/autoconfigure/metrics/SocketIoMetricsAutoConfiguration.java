package dev.realtime.socketio.spring.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAutoConfiguration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the meters of
 * {@link SocketIoServer} beans: binds {@link SocketIoMetrics} to the application's
 * {@link MeterRegistry} as each server is created, so that the registry's meter filters
 * (such as Spring Boot's {@code management.metrics.distribution.*}) apply to them.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" },
		after = SocketIoAutoConfiguration.class)
@ConditionalOnClass({ MeterRegistry.class, SocketIoServer.class })
@ConditionalOnBean({ MeterRegistry.class, SocketIoServer.class })
@ConditionalOnBooleanProperty(name = "socketio.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SocketIoMetricsProperties.class)
public final class SocketIoMetricsAutoConfiguration {

	@Bean
	static SocketIoServerMetricsPostProcessor socketIoServerMetricsPostProcessor(ApplicationContext context) {
		return new SocketIoServerMetricsPostProcessor(context);
	}

}
