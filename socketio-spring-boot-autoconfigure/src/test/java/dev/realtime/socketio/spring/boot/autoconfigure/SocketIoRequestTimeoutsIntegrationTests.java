package dev.realtime.socketio.spring.boot.autoconfigure;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

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

import dev.realtime.socketio.testsupport.RawHttpConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request read timeouts on the WebFlux application's own port, from a raw TCP client:
 * half a request line gets 408 whatever its path (documented: the path is not known yet),
 * a Socket.IO POST body that trickles gets 408, and the application still answers.
 */
@SpringBootTest(classes = SocketIoRequestTimeoutsIntegrationTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "socketio.limits.request-headers-timeout=300ms", "socketio.limits.request-body-timeout=300ms" })
class SocketIoRequestTimeoutsIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void halfARequestLineOnTheApplicationPortGets408() throws Exception {
		assertThat(exchange("GET /hel")).startsWith("HTTP/1.1 408 Request Timeout\r\n");
	}

	@Test
	void socketIoPostBodyThatTricklesGets408() throws Exception {
		String open = HttpClient.create()
			.get()
			.uri("http://127.0.0.1:" + this.port + "/socket.io/?EIO=4&transport=polling")
			.responseContent()
			.aggregate()
			.asString()
			.block(Duration.ofSeconds(10));
		assertThat(open).startsWith("0{\"sid\":\"");
		String sid = open.substring(9, open.indexOf('"', 9));
		String answer = exchange("POST /socket.io/?EIO=4&transport=polling&sid=" + sid
				+ " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 999000\r\n\r\n40");
		assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout\r\n");
	}

	@Test
	void applicationStillAnswers() {
		String body = HttpClient.create()
			.get()
			.uri("http://127.0.0.1:" + this.port + "/hello")
			.responseContent()
			.aggregate()
			.asString()
			.block(Duration.ofSeconds(10));
		assertThat(body).isEqualTo("hello");
	}

	/** Send the start of a request and read what comes back until the server closes. */
	private String exchange(String start) throws IOException {
		return RawHttpConnection.exchange(this.port, start.getBytes(StandardCharsets.ISO_8859_1));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		HelloController helloController() {
			return new HelloController();
		}

	}

	@RestController
	static class HelloController {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

	}

}
