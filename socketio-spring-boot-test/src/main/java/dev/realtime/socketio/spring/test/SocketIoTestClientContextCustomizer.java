package dev.realtime.socketio.spring.test;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Registers the {@link SocketIoTestClient} bean: bound to the port the application
 * listens on once started ({@code local.socketio.port} for a standalone Socket.IO server,
 * else {@code local.server.port}), to {@code socketio.path}, and to the application's
 * {@link JsonMapper} when it has one.
 */
final class SocketIoTestClientContextCustomizer implements ContextCustomizer {

	static final String BEAN_NAME = SocketIoTestClient.class.getName();

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		if (context.getBeanFactory() instanceof BeanDefinitionRegistry registry
				&& !registry.containsBeanDefinition(BEAN_NAME)) {
			RootBeanDefinition definition = new RootBeanDefinition(SocketIoTestClient.class, () -> create(context));
			definition.setLazyInit(true);
			registry.registerBeanDefinition(BEAN_NAME, definition);
		}
	}

	private static SocketIoTestClient create(ConfigurableApplicationContext context) {
		Environment environment = context.getEnvironment();
		SocketIoTestClient.Builder builder = SocketIoTestClient.builder()
			.uri(() -> serverUri(environment))
			.path(environment.getProperty("socketio.path", "/socket.io/"));
		JsonMapper mapper = context.getBeanProvider(JsonMapper.class).getIfUnique();
		if (mapper != null) {
			builder.jsonMapper(mapper);
		}
		return builder.build();
	}

	private static URI serverUri(Environment environment) {
		String port = environment.getProperty("local.socketio.port");
		if (port == null) {
			port = environment.getProperty("local.server.port");
		}
		if (port == null) {
			throw new IllegalStateException("The application's port is not known yet (no local.server.port): "
					+ "use SocketIoTestClient in a @SpringBootTest(webEnvironment = RANDOM_PORT) test");
		}
		boolean ssl = environment.getProperty("server.ssl.enabled", Boolean.class, false);
		return URI.create((ssl ? "https" : "http") + "://localhost:" + port);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other != null && other.getClass() == getClass();
	}

	@Override
	public int hashCode() {
		return getClass().hashCode();
	}

}
