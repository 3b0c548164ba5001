package dev.realtime.socketio.spring.boot.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import dev.realtime.socketio.server.ConnectionStateRecoveryOptions;
import dev.realtime.socketio.server.SocketIoServerOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code socketio.connection-state-recovery.*} properties of
 * {@link SocketIoAutoConfiguration}.
 */
class SocketIoConnectionStateRecoveryPropertiesTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIoAutoConfiguration.class));

	@Test
	void shouldLeaveRecoveryOffByDefault() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(SocketIoServerOptions.class).connectionStateRecovery())
				.isNull());
	}

	@Test
	void shouldTurnRecoveryOnWithTheNodeDefaults() {
		this.contextRunner.withPropertyValues("socketio.connection-state-recovery.enabled=true").run((context) -> {
			ConnectionStateRecoveryOptions recovery = context.getBean(SocketIoServerOptions.class)
				.connectionStateRecovery();
			assertThat(recovery).isNotNull();
			assertThat(recovery.maxDisconnectionDuration()).isEqualTo(Duration.ofMinutes(2));
			assertThat(recovery.skipMiddlewares()).isTrue();
		});
	}

	@Test
	void shouldMapRecoveryProperties() {
		this.contextRunner
			.withPropertyValues("socketio.connection-state-recovery.enabled=true",
					"socketio.connection-state-recovery.max-disconnection-duration=30s",
					"socketio.connection-state-recovery.skip-middlewares=false")
			.run((context) -> {
				ConnectionStateRecoveryOptions recovery = context.getBean(SocketIoServerOptions.class)
					.connectionStateRecovery();
				assertThat(recovery).isNotNull();
				assertThat(recovery.maxDisconnectionDuration()).isEqualTo(Duration.ofSeconds(30));
				assertThat(recovery.skipMiddlewares()).isFalse();
			});
	}

	@Test
	void shouldFailOnNonPositiveMaxDisconnectionDuration() {
		this.contextRunner
			.withPropertyValues("socketio.connection-state-recovery.enabled=true",
					"socketio.connection-state-recovery.max-disconnection-duration=0s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining("socketio.connection-state-recovery.max-disconnection-duration");
			});
	}

}
