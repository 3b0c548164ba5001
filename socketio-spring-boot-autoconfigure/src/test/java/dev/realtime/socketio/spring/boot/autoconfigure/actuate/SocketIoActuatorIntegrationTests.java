package dev.realtime.socketio.spring.boot.autoconfigure.actuate;

import java.time.Duration;
import java.util.List;

import io.socket.client.IO;
import io.socket.client.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.testsupport.JavaSocketIoClients;

import static org.awaitility.Awaitility.await;

/**
 * Integration tests for the Socket.IO health indicator and {@code socketio} endpoint over
 * HTTP, on the WebFlux application's port.
 */
@SpringBootTest(classes = SocketIoActuatorIntegrationTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,socketio",
				"management.endpoint.health.show-details=always",
				"socketio.cors.allowed-origins=https://app.example.com", "socketio.auth.bearer.enabled=false" })
class SocketIoActuatorIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Autowired
	private SocketIoServer server;

	@RegisterExtension
	final JavaSocketIoClients clients = new JavaSocketIoClients();

	@Test
	void endpointDescribesNamespacesRoomsSessionsAndConfiguration() {
		this.server.of("/chat").onConnection((socket) -> socket.join("lobby"));
		connect("/chat", "polling");
		connect("/chat", "websocket");
		await().atMost(TIMEOUT).until(() -> this.server.of("/chat").sockets().size() == 2);
		client().get()
			.uri("/actuator/socketio")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.running")
			.isEqualTo(true)
			.jsonPath("$.sessions.total")
			.isEqualTo(2)
			.jsonPath("$.sessions.transports.polling")
			.isEqualTo(1)
			.jsonPath("$.sessions.transports.websocket")
			.isEqualTo(1)
			.jsonPath("$.namespaces[?(@.name == '/chat')].sockets")
			.isEqualTo(2)
			.jsonPath("$.namespaces[?(@.name == '/chat')].rooms[0].name")
			.isEqualTo("lobby")
			.jsonPath("$.namespaces[?(@.name == '/chat')].rooms[0].size")
			.isEqualTo(2)
			.jsonPath("$.namespaces[?(@.name == '/chat')].rooms.length()")
			.isEqualTo(1)
			.jsonPath("$.configuration.path")
			.isEqualTo("/socket.io/")
			.jsonPath("$.configuration.transports")
			.isEqualTo(List.of("polling", "websocket"))
			.jsonPath("$.configuration.cors.allowedOrigins[0]")
			.isEqualTo("https://app.example.com")
			.jsonPath("$.configuration.maxHttpBufferSize")
			.isEqualTo(1_000_000)
			.jsonPath("$.configuration.adapter")
			.isEqualTo("dev.realtime.socketio.server.adapter.InMemoryAdapter");
	}

	@Test
	@DirtiesContext
	void healthIsUpWhileRunningAndDownOnceClosed() {
		client().get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.socketIo.status")
			.isEqualTo("UP")
			.jsonPath("$.components.socketIo.details.sessions")
			.isEqualTo(0);
		this.server.close().block(TIMEOUT);
		client().get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectBody()
			.jsonPath("$.components.socketIo.status")
			.isEqualTo("DOWN")
			.jsonPath("$.components.socketIo.details.reason")
			.isEqualTo("the server was closed");
		client().get()
			.uri("/actuator/socketio")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.running")
			.isEqualTo(false);
	}

	private WebTestClient client() {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).responseTimeout(TIMEOUT).build();
	}

	private void connect(String namespace, String transport) {
		this.clients.connect("http://localhost:" + this.port + namespace, JavaSocketIoClients.options(transport));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
