package dev.realtime.socketio.spring.boot.autoconfigure;

import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AllNestedConditions;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import dev.realtime.socketio.engine.EngineIoHeadersListener;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerOptions;
import dev.realtime.socketio.spring.auth.SocketIoConnectAuthorizer;
import dev.realtime.socketio.spring.core.SocketIoTemplate;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for a Socket.IO server. In a
 * reactive web application on Reactor Netty, the server is mounted on the WebFlux
 * server's own port under {@code socketio.path}, ahead of WebFlux. When
 * {@code socketio.server.port} is set, or when the application is not a reactive web
 * application, it runs on a standalone Reactor Netty server instead. Either way it is
 * closed when the context stops, before the web server's graceful shutdown, and its
 * clients see the reason {@code server shutting down}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass({ SocketIoServer.class, HttpServer.class })
@ConditionalOnBooleanProperty(name = "socketio.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SocketIoProperties.class)
public final class SocketIoAutoConfiguration {

	/**
	 * Port of the standalone server when the application is not a reactive web
	 * application and {@code socketio.server.port} is not set.
	 */
	static final int DEFAULT_STANDALONE_PORT = 3000;

	@Bean
	@ConditionalOnMissingBean
	SocketIoServerOptions socketIoServerOptions(SocketIoProperties properties, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<EngineIoHeadersListener> headersListeners,
			ObjectProvider<EngineIoOptionsCustomizer> engineCustomizers,
			ObjectProvider<SocketIoServerCustomizer> serverCustomizers) {
		return new SocketIoServerOptionsFactory(properties).create(jsonMapper.getIfAvailable(),
				headersListeners.orderedStream().toList(), engineCustomizers.orderedStream().toList(),
				serverCustomizers.orderedStream().toList());
	}

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	SocketIoServer socketIoServer(SocketIoServerOptions options, ObjectProvider<SocketIoConnectAuthorizer> authorizers,
			Environment environment, ResourceLoader resourceLoader) {
		SocketIoAdapterCheck.check(environment, options, resourceLoader.getClassLoader());
		SocketIoServer server = SocketIoServer.create(options);
		authorizers.orderedStream().forEach((authorizer) -> server.use(authorizer.asMiddleware()));
		return server;
	}

	@Bean
	@ConditionalOnMissingBean
	SocketIoTemplate socketIoTemplate(SocketIoServer server) {
		return new SocketIoTemplate(server);
	}

	@Bean
	SocketIoServerShutdownLifecycle socketIoServerShutdownLifecycle(SocketIoServer server) {
		return new SocketIoServerShutdownLifecycle(server);
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnSharedWebServerCondition.class)
	static class SharedWebServerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SocketIoNettyRouteProvider socketIoNettyRouteProvider(SocketIoServer server) {
			return new SocketIoNettyRouteProvider(server);
		}

		@Bean
		static SocketIoEventLoopsPostProcessor socketIoEventLoopsPostProcessor(Environment environment) {
			return new SocketIoEventLoopsPostProcessor(environment);
		}

		@Bean
		@ConditionalOnMissingBean
		SocketIoRequestTimeoutsCustomizer socketIoRequestTimeoutsCustomizer(SocketIoServer server,
				SocketIoProperties properties) {
			return new SocketIoRequestTimeoutsCustomizer(SocketIoServerOptionsFactory.requestTimeouts(properties),
					server.options().engine().path());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnStandaloneServerCondition.class)
	static class StandaloneServerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SocketIoEventLoops socketIoEventLoops(SocketIoProperties properties) {
			return SocketIoEventLoops.from(properties);
		}

		@Bean
		@ConditionalOnMissingBean
		SocketIoStandaloneServer socketIoStandaloneServer(SocketIoServer server, SocketIoProperties properties,
				SocketIoEventLoops loops, ConfigurableEnvironment environment) {
			SocketIoServerOptionsFactory.validatePort(properties);
			Integer port = properties.getServer().getPort();
			return new SocketIoStandaloneServer(server, properties.getServer().getAddress(),
					(port != null) ? port : DEFAULT_STANDALONE_PORT,
					SocketIoServerOptionsFactory.requestTimeouts(properties), loops, environment);
		}

	}

	/**
	 * Matches a reactive web application on Reactor Netty without a
	 * {@code socketio.server.port}: Socket.IO then shares the WebFlux server's port.
	 */
	static final class OnSharedWebServerCondition extends AllNestedConditions {

		OnSharedWebServerCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnWebApplication(type = Type.REACTIVE)
		static class ReactiveWebApplication {

		}

		@ConditionalOnClass(name = "org.springframework.boot.reactor.netty.NettyRouteProvider")
		static class NettyRoutesAvailable {

		}

		@Conditional(NoStandalonePortCondition.class)
		static class NoStandalonePort {

		}

	}

	/**
	 * Matches when {@link OnSharedWebServerCondition} does not.
	 */
	static final class OnStandaloneServerCondition extends NoneNestedConditions {

		OnStandaloneServerCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@Conditional(OnSharedWebServerCondition.class)
		static class SharedWebServer {

		}

	}

	/**
	 * Matches when {@code socketio.server.port} is not set.
	 */
	static final class NoStandalonePortCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String port = context.getEnvironment().getProperty("socketio.server.port");
			return StringUtils.hasText(port) ? ConditionOutcome.noMatch("socketio.server.port is set to " + port)
					: ConditionOutcome.match("socketio.server.port is not set");
		}

	}

}
