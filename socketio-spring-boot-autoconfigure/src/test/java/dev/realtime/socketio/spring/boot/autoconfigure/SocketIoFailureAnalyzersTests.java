package dev.realtime.socketio.spring.boot.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;

import dev.realtime.socketio.spring.annotation.OnEvent;
import dev.realtime.socketio.spring.annotation.SocketIoNamespace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the failure analyses of startup mistakes: each runs a context that fails the
 * way an application would, then the failure analyzers registered in
 * {@code META-INF/spring.factories} as Spring Boot loads them.
 */
class SocketIoFailureAnalyzersTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SocketIoAutoConfiguration.class, SocketIoAnnotationAutoConfiguration.class));

	@Test
	void redisAdapterWithoutItsModuleNamesTheDependency() {
		this.contextRunner.withPropertyValues("socketio.adapter.type=redis").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription())
				.startsWith("socketio.adapter.type is 'redis', but the Redis adapter is not on the classpath");
			assertThat(analysis.getAction()).contains("dev.realtime.socketio:socketio-redis-adapter")
				.contains("socketio.adapter.type to 'memory'");
		});
	}

	@Test
	void memoryAdapterStartsWithoutTheRedisModule() {
		this.contextRunner.withPropertyValues("socketio.adapter.type=memory")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void unknownAdapterTypeNamesTheProperty() {
		this.contextRunner.withPropertyValues("socketio.adapter.type=redsi").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("socketio.adapter.type")
				.contains("redsi")
				.contains("must be 'memory', 'redis', 'redis-streams' or 'postgres'");
		});
	}

	@Test
	void invalidPropertyNamesTheProperty() {
		this.contextRunner.withPropertyValues("socketio.ping-interval=0s").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("socketio.ping-interval")
				.contains("must be a positive duration");
		});
	}

	@Test
	void corsOriginWithoutSchemeNamesTheProperty() {
		this.contextRunner.withPropertyValues("socketio.cors.allowed-origins=127.0.0.1:8100").run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains("socketio.cors.allowed-origins")
				.contains("127.0.0.1:8100")
				.contains("http://127.0.0.1:8100");
		});
	}

	@Test
	void standalonePortInUseNamesThePort() throws IOException {
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SocketIoAutoConfiguration.class))
				.withPropertyValues("socketio.server.port=" + taken.getLocalPort(),
						"socketio.server.address=" + InetAddress.getLoopbackAddress().getHostAddress())
				.run((context) -> {
					FailureAnalysis analysis = analyze(context);
					assertThat(analysis.getDescription())
						.startsWith("The standalone Socket.IO server could not bind port " + taken.getLocalPort());
					assertThat(analysis.getAction()).contains("socketio.server.port");
				});
		}
	}

	@Test
	void handlerMethodThatCannotWorkNamesTheMethodAndParameter() {
		this.contextRunner.withUserConfiguration(WebRequestHandler.class).run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).startsWith("A Socket.IO handler cannot be served.")
				.contains("parameter 'request' of type org.springframework.http.server.reactive.ServerHttpRequest")
				.contains("WebRequestHandler#bid(ServerHttpRequest)");
			assertThat(analysis.getAction()).contains("Handshake");
		});
	}

	/**
	 * Load the analyzers as Spring Boot does, skipping those whose classes are absent
	 * from this classpath, and return the first analysis.
	 */
	private static FailureAnalysis analyze(ApplicationContextAssertProvider<?> context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
			.and(Environment.class, new StandardEnvironment());
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, arguments, FailureHandler.logging(LogFactory.getLog(FailureAnalyzer.class)));
		for (FailureAnalyzer analyzer : analyzers) {
			@Nullable FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		throw new AssertionError("No failure analysis for " + failure, failure);
	}

	@SocketIoNamespace("/auction")
	static class WebRequestHandler {

		@OnEvent("bid")
		void bid(ServerHttpRequest request) {
		}

	}

}
