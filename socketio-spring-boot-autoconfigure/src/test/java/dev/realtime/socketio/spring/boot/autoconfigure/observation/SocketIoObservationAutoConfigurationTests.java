package dev.realtime.socketio.spring.boot.autoconfigure.observation;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.test.util.ReflectionTestUtils;

import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAnnotationAutoConfiguration;
import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAutoConfiguration;
import dev.realtime.socketio.spring.handler.support.SocketIoAnnotationHandlerRegistrar;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIoObservationAutoConfiguration}.
 */
class SocketIoObservationAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIoAutoConfiguration.class,
				SocketIoAnnotationAutoConfiguration.class, SocketIoObservationAutoConfiguration.class));

	@Test
	void shouldObserveHandlersWhenEnabled() {
		ObservationRegistry registry = ObservationRegistry.create();
		this.contextRunner.withBean(ObservationRegistry.class, () -> registry)
			.withPropertyValues("socketio.observation.enabled=true")
			.run((context) -> assertThat(ReflectionTestUtils
				.getField(context.getBean(SocketIoAnnotationHandlerRegistrar.class), "observationRegistry"))
				.isSameAs(registry));
	}

	@Test
	void shouldNotObserveHandlersByDefault() {
		this.contextRunner.withBean(ObservationRegistry.class, ObservationRegistry::create)
			.run((context) -> assertThat(ReflectionTestUtils
				.getField(context.getBean(SocketIoAnnotationHandlerRegistrar.class), "observationRegistry")).isNull());
	}

	@Test
	void shouldBackOffWithoutObservationRegistry() {
		this.contextRunner.withPropertyValues("socketio.observation.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SocketIoAnnotationHandlerRegistrar.class));
	}

}
