package dev.realtime.socketio.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code socketio.server.event-loops} sets the loops of the WebFlux server that Socket.IO
 * shares: with one loop, every connection (the application's and Socket.IO's) is served
 * by the same thread.
 */
@SpringBootTest(classes = SocketIoEventLoopsIntegrationTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "socketio.server.event-loops=1")
class SocketIoEventLoopsIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void everyConnectionIsServedByTheOneConfiguredLoop() {
		Set<String> threads = new HashSet<>();
		for (int i = 0; i < 4; i++) {
			// a new connection each time, so Netty's round robin would spread them over
			// several loops
			threads.add(get(HttpClient.newConnection(), "/thread"));
		}
		assertThat(threads).singleElement().asString().startsWith("reactor-http");
	}

	@Test
	void socketIoAnswersOnThatLoop() {
		assertThat(get(HttpClient.newConnection(), "/socket.io/?EIO=4&transport=polling")).startsWith("0{\"sid\":\"");
	}

	private String get(HttpClient client, String path) {
		return client.get()
			.uri("http://127.0.0.1:" + this.port + path)
			.responseContent()
			.aggregate()
			.asString()
			.block(Duration.ofSeconds(10));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		ThreadController threadController() {
			return new ThreadController();
		}

	}

	@RestController
	static class ThreadController {

		@GetMapping("/thread")
		String thread() {
			return Thread.currentThread().getName();
		}

	}

}
