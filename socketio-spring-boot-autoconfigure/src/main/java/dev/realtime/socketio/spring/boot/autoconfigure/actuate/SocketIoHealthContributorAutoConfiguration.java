package dev.realtime.socketio.spring.boot.autoconfigure.actuate;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAutoConfiguration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the
 * {@link SocketIoHealthIndicator}, contributed as {@code socketIo} to the health
 * endpoint; turned off with {@code management.health.socketio.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SocketIoAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, SocketIoServer.class })
@ConditionalOnBean(SocketIoServer.class)
@ConditionalOnEnabledHealthIndicator("socketio")
public final class SocketIoHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "socketIoHealthIndicator")
	SocketIoHealthIndicator socketIoHealthIndicator(SocketIoServer server) {
		return new SocketIoHealthIndicator(server);
	}

}
