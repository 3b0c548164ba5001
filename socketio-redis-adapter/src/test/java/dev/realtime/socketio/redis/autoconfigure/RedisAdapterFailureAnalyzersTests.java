package dev.realtime.socketio.redis.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAutoConfiguration;
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
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the failure analyses of a Socket.IO server on the Redis adapter that cannot
 * start, through the analyzers registered in {@code META-INF/spring.factories}.
 */
class RedisAdapterFailureAnalyzersTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SocketIoRedisAdapterAutoConfiguration.class, SocketIoAutoConfiguration.class))
		.withPropertyValues("socketio.server.port=0");

	@Test
	void unreachableRedisIsReportedWithItsAddress() throws IOException {
		int port = freePort();
		Map<String, Object> properties = Map.of("socketio.adapter.type", "redis", "spring.data.redis.host", "127.0.0.1",
				"spring.data.redis.port", port);
		this.contextRunner
			.withPropertyValues(
					properties.entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue()).toArray(String[]::new))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context, properties);
				assertThat(analysis.getDescription()).startsWith(
						"The Socket.IO Redis adapter (socketio.adapter.type=redis) could not connect to Redis at "
								+ "127.0.0.1:" + port + ": Connection refused");
				assertThat(analysis.getAction()).contains("spring.data.redis.url")
					.contains("socketio.adapter.type=memory");
			});
	}

	@Test
	void excludedRedisAutoConfigurationIsReported() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SocketIoAutoConfiguration.class))
			.withPropertyValues("socketio.server.port=0", "socketio.adapter.type=redis")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context, Map.of());
				assertThat(analysis.getDescription())
					.startsWith("socketio.adapter.type is 'redis', but the server runs on the in-memory adapter");
				assertThat(analysis.getAction()).contains("SocketIoRedisAdapterAutoConfiguration");
			});
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Load the analyzers as Spring Boot does, with an environment of the context's
	 * properties (a failed context's own is out of reach), skipping those whose classes
	 * are absent from this classpath, and return the first analysis.
	 */
	private static FailureAnalysis analyze(ApplicationContextAssertProvider<?> context,
			Map<String, Object> properties) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
			.and(Environment.class, environment);
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

}
