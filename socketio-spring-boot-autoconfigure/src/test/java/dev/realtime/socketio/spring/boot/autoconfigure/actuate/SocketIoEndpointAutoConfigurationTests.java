package dev.realtime.socketio.spring.boot.autoconfigure.actuate;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIoEndpointAutoConfiguration} and
 * {@link SocketIoHealthContributorAutoConfiguration}.
 */
class SocketIoEndpointAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIoAutoConfiguration.class,
				SocketIoEndpointAutoConfiguration.class, SocketIoHealthContributorAutoConfiguration.class));

	@Test
	void shouldCreateEndpointWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=socketio")
			.run((context) -> assertThat(context).hasSingleBean(SocketIoEndpoint.class));
	}

	@Test
	void shouldNotCreateEndpointWhenNotExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(SocketIoEndpoint.class));
	}

	@Test
	void shouldCreateHealthIndicator() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(SocketIoHealthIndicator.class)
			.hasBean("socketIoHealthIndicator"));
	}

	@Test
	void shouldNotCreateHealthIndicatorWhenDisabled() {
		this.contextRunner.withPropertyValues("management.health.socketio.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIoHealthIndicator.class));
	}

	@Test
	void shouldBackOffWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class, HealthIndicator.class))
			.withPropertyValues("management.endpoints.web.exposure.include=socketio")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SocketIoEndpoint.class)
				.doesNotHaveBean(SocketIoHealthIndicator.class));
	}

	@Test
	void shouldBackOffWithoutSocketIoServer() {
		this.contextRunner
			.withPropertyValues("socketio.enabled=false", "management.endpoints.web.exposure.include=socketio")
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIoEndpoint.class)
				.doesNotHaveBean(SocketIoHealthIndicator.class));
	}

}
