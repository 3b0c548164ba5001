package dev.realtime.socketio.spring.handler.support;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.socket.client.IO;
import io.socket.client.Socket;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration test for the default execution
 * ({@code socketio.handler.execution=event-loop}): handler methods that return a plain
 * value run on the connection's event loop.
 */
@SpringBootTest(classes = SocketIoAnnotationIntegrationTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT)
class SocketIoAnnotationEventLoopIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Test
	void plainHandlerRunsOnTheEventLoopByDefault() throws Exception {
		IO.Options options = new IO.Options();
		options.forceNew = true;
		options.reconnection = false;
		Socket socket = IO.socket(URI.create("http://localhost:" + this.port + "/chat"), options);
		try {
			socket.connect();
			CompletableFuture<Object> reply = new CompletableFuture<>();
			socket.emit("blocking-on-event-loop", new Object[0], (args) -> reply.complete(args[0]));
			assertThat(reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(true);
		}
		finally {
			socket.close();
		}
	}

}
