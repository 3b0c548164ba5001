package dev.realtime.socketio.spring.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIoMetricsAutoConfiguration}.
 */
class SocketIoMetricsAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SocketIoAutoConfiguration.class, SocketIoMetricsAutoConfiguration.class));

	@Test
	void shouldBindMetersToTheRegistry() {
		this.contextRunner.withBean(SimpleMeterRegistry.class).run((context) -> {
			assertThat(context).hasSingleBean(SocketIoServerMetricsPostProcessor.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("socketio.errors").counters()).hasSize(5);
			assertThat(registry.find("socketio.engine.sessions").gauges()).hasSize(2);
		});
	}

	@Test
	void shouldApplyMetricsProperties() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("socketio.metrics.events=chat", "socketio.metrics.max-namespace-tags=1")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				SocketIoServer server = context.getBean(SocketIoServer.class);
				server.listeners().eventReceived("/", "chat");
				server.listeners().eventReceived("/admin", "other-event");
				assertThat(registry.get("socketio.events.received")
					.tags("namespace", "/", "event", "chat")
					.counter()
					.count()).isEqualTo(1);
				assertThat(registry.get("socketio.events.received")
					.tags("namespace", "other", "event", "other")
					.counter()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void shouldBackOffWithoutMeterRegistry() {
		this.contextRunner
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIoServerMetricsPostProcessor.class));
	}

	@Test
	void shouldBackOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(SocketIoServerMetricsPostProcessor.class);
			assertThat(context).hasSingleBean(SocketIoServer.class);
		});
	}

	@Test
	void shouldBackOffWhenDisabled() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("socketio.metrics.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SocketIoServerMetricsPostProcessor.class);
				assertThat(context.getBean(MeterRegistry.class).find("socketio.errors").counters()).isEmpty();
			});
	}

}
