package dev.realtime.socketio.spring.boot.autoconfigure.security;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.util.ClassUtils;

import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAutoConfiguration;
import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoProperties;
import dev.realtime.socketio.spring.security.BearerTokenConnectAuthorizer;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for bearer-token authentication of
 * Socket.IO connections with Spring Security. Opt in with
 * {@code socketio.auth.bearer.enabled=true}: every namespace connection must then carry a
 * token in its CONNECT auth payload, authenticated by the application's
 * {@link ReactiveAuthenticationManager} bean or, without one, by a
 * {@link JwtReactiveAuthenticationManager} over its {@code ReactiveJwtDecoder} bean (as
 * Boot's resource server auto-configuration provides).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SocketIoAutoConfiguration.class, afterName = {
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration" })
@ConditionalOnClass({ SocketIoServer.class, ReactiveAuthenticationManager.class, BearerTokenAuthenticationToken.class })
@ConditionalOnBooleanProperty("socketio.auth.bearer.enabled")
@ConditionalOnBean(SocketIoServer.class)
@EnableConfigurationProperties(SocketIoProperties.class)
public final class SocketIoSecurityAutoConfiguration {

	private static final String JWT_DECODER_CLASS = "org.springframework.security.oauth2.jwt.ReactiveJwtDecoder";

	@Bean
	@ConditionalOnMissingBean
	BearerTokenConnectAuthorizer socketIoBearerTokenConnectAuthorizer(SocketIoProperties properties,
			ObjectProvider<ReactiveAuthenticationManager> authenticationManager, ListableBeanFactory beanFactory) {
		ReactiveAuthenticationManager manager = authenticationManager.getIfUnique();
		if (manager == null && ClassUtils.isPresent(JWT_DECODER_CLASS, getClass().getClassLoader())) {
			manager = JwtManagers.fromDecoder(beanFactory);
		}
		if (manager == null) {
			throw new InvalidConfigurationPropertyValueException("socketio.auth.bearer.enabled", true,
					"Bearer-token authentication needs a single ReactiveAuthenticationManager or ReactiveJwtDecoder bean");
		}
		SocketIoProperties.Auth.Bearer bearer = properties.getAuth().getBearer();
		BearerTokenConnectAuthorizer authorizer = new BearerTokenConnectAuthorizer(manager);
		authorizer.setTokenKey(bearer.getTokenKey());
		authorizer.setRequired(bearer.isRequired());
		return authorizer;
	}

	/**
	 * Kept apart so that {@code ReactiveJwtDecoder} is loaded only when present.
	 */
	private static final class JwtManagers {

		static @Nullable ReactiveAuthenticationManager fromDecoder(ListableBeanFactory beanFactory) {
			ReactiveJwtDecoder decoder = beanFactory.getBeanProvider(ReactiveJwtDecoder.class).getIfUnique();
			return (decoder != null) ? new JwtReactiveAuthenticationManager(decoder) : null;
		}

	}

}
