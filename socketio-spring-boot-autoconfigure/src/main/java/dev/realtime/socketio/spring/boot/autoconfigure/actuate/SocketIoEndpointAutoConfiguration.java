package dev.realtime.socketio.spring.boot.autoconfigure.actuate;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAutoConfiguration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link SocketIoEndpoint}
 * ({@code /actuator/socketio} once exposed, for instance with
 * {@code management.endpoints.web.exposure.include=health,socketio}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SocketIoAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class, SocketIoServer.class })
@ConditionalOnBean(SocketIoServer.class)
@ConditionalOnAvailableEndpoint(SocketIoEndpoint.class)
public final class SocketIoEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SocketIoEndpoint socketIoEndpoint(SocketIoServer server) {
		return new SocketIoEndpoint(server);
	}

}
