package dev.realtime.socketio.spring.boot.starter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with nothing but the starter serves the browser client at
 * {@code /socket.io/socket.io.js}, as a Node server does by default.
 */
class StarterClientBundleIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	@Test
	void servesTheSocketIoClientBundleWithNothingButTheStarter() throws Exception {
		try (ConfigurableApplicationContext app = start()) {
			HttpResponse<String> bundle = get(app, "/socket.io/socket.io.js", null);
			assertThat(bundle.statusCode()).isEqualTo(200);
			assertThat(bundle.headers().firstValue("Content-Type")).hasValue("application/javascript; charset=utf-8");
			assertThat(bundle.headers().firstValue("ETag")).hasValue("\"4.8.4\"");
			assertThat(bundle.headers().firstValue("Cache-Control")).hasValue("public, max-age=0");
			assertThat(bundle.body()).startsWith("/*!\n * Socket.IO v4.8.4");
			for (String file : new String[] { "socket.io.min.js", "socket.io.esm.min.js", "socket.io.js.map",
					"socket.io.min.js.map", "socket.io.esm.min.js.map" }) {
				assertThat(get(app, "/socket.io/" + file, null).statusCode()).as(file).isEqualTo(200);
			}
			HttpResponse<String> cached = get(app, "/socket.io/socket.io.min.js", "\"4.8.4\"");
			assertThat(cached.statusCode()).isEqualTo(304);
			assertThat(cached.body()).isEmpty();
		}
	}

	@Test
	void servesNoBundleWhenServeClientIsOff() throws Exception {
		try (ConfigurableApplicationContext app = start("--socketio.serve-client=false")) {
			HttpResponse<String> response = get(app, "/socket.io/socket.io.js", null);
			// Without the bundle the request reaches the engine, which refuses it as Node
			// does.
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).doesNotContain("Socket.IO v");
		}
	}

	private static ConfigurableApplicationContext start(String... args) {
		String[] all = new String[args.length + 1];
		all[0] = "--server.port=0";
		System.arraycopy(args, 0, all, 1, args.length);
		return new SpringApplicationBuilder(StarterOnlyApplication.class).run(all);
	}

	private HttpResponse<String> get(ConfigurableApplicationContext app, String path, String ifNoneMatch)
			throws Exception {
		String port = app.getEnvironment().getProperty("local.server.port");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(TIMEOUT);
		if (ifNoneMatch != null) {
			request.header("If-None-Match", ifNoneMatch);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class StarterOnlyApplication {

	}

}
