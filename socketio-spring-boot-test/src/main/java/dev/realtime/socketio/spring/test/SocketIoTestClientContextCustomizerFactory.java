package dev.realtime.socketio.spring.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Adds a {@link SocketIoTestClient} bean to the context of a {@code @SpringBootTest} that
 * starts an embedded web server ({@code RANDOM_PORT} or {@code DEFINED_PORT}), as Boot
 * does for {@code WebTestClient}. Registered in {@code META-INF/spring.factories}.
 *
 * @since 0.1.0
 */
public final class SocketIoTestClientContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		SpringBootTest test = TestContextAnnotationUtils.findMergedAnnotation(testClass, SpringBootTest.class);
		return (test != null && test.webEnvironment().isEmbedded()) ? new SocketIoTestClientContextCustomizer() : null;
	}

}
