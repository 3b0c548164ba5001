package dev.realtime.socketio.contract.autoconfigure;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.realtime.socketio.contract.asyncapi.AsyncApiInfo;
import dev.realtime.socketio.spring.annotation.SocketIoNamespace;
import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAnnotationAutoConfiguration;
import dev.realtime.socketio.spring.handler.EventArgumentResolver;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the AsyncAPI 3.0 document of the
 * application's {@link SocketIoNamespace @SocketIoNamespace} beans: a
 * {@link SocketIoAsyncApiDocument} built at startup, the {@link SocketIoAsyncApiEndpoint}
 * when the actuator is present and the endpoint available, and in a WebFlux application a
 * route serving the document at {@code socketio.asyncapi.path} when it is set. Off with
 * {@code socketio.asyncapi.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SocketIoAnnotationAutoConfiguration.class)
@ConditionalOnClass(SocketIoNamespace.class)
@ConditionalOnBooleanProperty(name = "socketio.asyncapi.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SocketIoAsyncApiProperties.class)
public final class SocketIoAsyncApiAutoConfiguration {

	private static final String DEFAULT_TITLE = "Socket.IO API";

	@Bean
	@ConditionalOnMissingBean
	SocketIoAsyncApiDocument socketIoAsyncApiDocument(ApplicationContext context, ObjectProvider<JsonMapper> jsonMapper,
			SocketIoAsyncApiProperties properties, ObjectProvider<EventArgumentResolver> argumentResolvers,
			Environment environment) {
		String title = properties.getTitle();
		if (!StringUtils.hasText(title)) {
			title = environment.getProperty("spring.application.name", DEFAULT_TITLE);
		}
		AsyncApiInfo info = new AsyncApiInfo(title, properties.getVersion(), properties.getDescription());
		return new SocketIoAsyncApiDocument(context, jsonMapper.getIfAvailable(JsonMapper::shared), info,
				argumentResolvers.orderedStream().toList());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	@ConditionalOnAvailableEndpoint(SocketIoAsyncApiEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SocketIoAsyncApiEndpoint socketIoAsyncApiEndpoint(SocketIoAsyncApiDocument document) {
			return new SocketIoAsyncApiEndpoint(document);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RouterFunction.class)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnProperty("socketio.asyncapi.path")
	static class WebFluxConfiguration {

		@Bean
		RouterFunction<ServerResponse> socketIoAsyncApiRoute(SocketIoAsyncApiDocument document,
				SocketIoAsyncApiProperties properties) {
			String path = properties.getPath();
			String route = (path != null && path.startsWith("/")) ? path : "/" + path;
			return RouterFunctions.route()
				.GET(route,
						(request) -> ServerResponse.ok()
							.contentType(MediaType.APPLICATION_JSON)
							.bodyValue(document.toJson()))
				.build();
		}

	}

}
