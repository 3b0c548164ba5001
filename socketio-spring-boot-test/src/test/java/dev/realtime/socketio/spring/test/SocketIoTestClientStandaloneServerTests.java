package dev.realtime.socketio.spring.test;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.realtime.socketio.spring.test.GreetingApplication.Welcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code socketio.server.port} set, Socket.IO runs on its own server: the test
 * client follows it there.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "socketio.server.port=0")
class SocketIoTestClientStandaloneServerTests {

	@Autowired
	private SocketIoTestClient socketIo;

	@LocalServerPort
	private int webPort;

	@Test
	void connectsToTheStandaloneSocketIoServer() {
		TestSocket alice = this.socketIo.namespace("/greet").auth(Map.of("name", "alice")).connect();
		assertThat(alice.expectEvent("welcome", Welcome.class).userName()).isEqualTo("alice");
		assertThat(this.socketIo.uri().getPort()).isNotEqualTo(this.webPort);
	}

}
