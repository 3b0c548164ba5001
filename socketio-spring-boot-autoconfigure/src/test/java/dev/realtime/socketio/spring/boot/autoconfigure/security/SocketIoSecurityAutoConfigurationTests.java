package dev.realtime.socketio.spring.boot.autoconfigure.security;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAutoConfiguration;
import dev.realtime.socketio.spring.security.BearerTokenConnectAuthorizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIoSecurityAutoConfiguration}.
 */
class SocketIoSecurityAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SocketIoAutoConfiguration.class, SocketIoSecurityAutoConfiguration.class));

	@Test
	void shouldNotAuthenticateByDefault() {
		this.contextRunner.withBean(ReactiveAuthenticationManager.class, () -> (authentication) -> Mono.empty())
			.run((context) -> assertThat(context).doesNotHaveBean(BearerTokenConnectAuthorizer.class));
	}

	@Test
	void shouldUseAuthenticationManagerWhenEnabled() {
		this.contextRunner.withBean(ReactiveAuthenticationManager.class, () -> (authentication) -> Mono.empty())
			.withPropertyValues("socketio.auth.bearer.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(BearerTokenConnectAuthorizer.class));
	}

	@Test
	void shouldUseJwtDecoderWithoutAuthenticationManager() {
		this.contextRunner.withBean(ReactiveJwtDecoder.class, () -> (token) -> Mono.empty())
			.withPropertyValues("socketio.auth.bearer.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(BearerTokenConnectAuthorizer.class));
	}

	@Test
	void shouldFailWhenEnabledWithoutAuthenticationManagerOrJwtDecoder() {
		this.contextRunner.withPropertyValues("socketio.auth.bearer.enabled=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("Property socketio.auth.bearer.enabled with value 'true' is invalid");
		});
	}

	@Test
	void shouldBackOffWithoutResourceServerSupport() {
		this.contextRunner.withBean(ReactiveAuthenticationManager.class, () -> (authentication) -> Mono.empty())
			.withPropertyValues("socketio.auth.bearer.enabled=true")
			.withClassLoader(new FilteredClassLoader(BearerTokenAuthenticationToken.class))
			.run((context) -> assertThat(context).doesNotHaveBean(BearerTokenConnectAuthorizer.class));
	}

	@Test
	void shouldBackOffWhenSocketIoIsDisabled() {
		this.contextRunner.withBean(ReactiveAuthenticationManager.class, () -> (authentication) -> Mono.empty())
			.withPropertyValues("socketio.auth.bearer.enabled=true", "socketio.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BearerTokenConnectAuthorizer.class));
	}

}
