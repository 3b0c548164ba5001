package dev.realtime.socketio.spring.handler.support;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.realtime.socketio.testsupport.SocketIoNodeDriver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for {@code @SocketIoNamespace} beans driven by the official npm
 * {@code socket.io-client}.
 */
@SpringBootTest(classes = SocketIoAnnotationIntegrationTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT)
class SocketIoAnnotationNodeClientIntegrationTests {

	@LocalServerPort
	private int port;

	private final SocketIoNodeDriver driver = SocketIoNodeDriver.start();

	@AfterEach
	void closeDriver() {
		this.driver.close();
	}

	@Test
	void typedPayloadIsAcknowledgedWithReturnValue() {
		connect("a", "/chat");
		this.driver.emitWithAck("a", "m1", "message", Map.of("text", "hello", "room", "lobby"));
		JsonNode ack = this.driver.awaitAck("a", "m1");
		assertThat(ack.path("type").asString()).isEqualTo("ack");
		assertThat(SocketIoNodeDriver.args(ack).get(0).path("text").asString()).isEqualTo("hello");
	}

	@Test
	void binaryPayloadIsResolvedAsBytes() {
		connect("a", "/chat");
		this.driver.emitWithAck("a", "u1", "upload", "file.bin",
				SocketIoNodeDriver.bin("0123456789".getBytes(StandardCharsets.UTF_8)));
		JsonNode reply = SocketIoNodeDriver.args(this.driver.awaitAck("a", "u1")).get(0);
		assertThat(new String(SocketIoNodeDriver.bytes(reply), StandardCharsets.UTF_8)).isEqualTo("file.bin:10");
	}

	@Test
	void invalidPayloadIsAnsweredWithValidationError() {
		connect("a", "/chat");
		this.driver.emitWithAck("a", "m2", "message", Map.of("text", "", "room", "lobby"));
		JsonNode reply = SocketIoNodeDriver.args(this.driver.awaitAck("a", "m2")).get(0);
		assertThat(reply.path("error").asString()).isEqualTo("validation failed");
		assertThat(reply.path("violations").get(0).path("field").asString()).isEqualTo("text");
	}

	@Test
	void dynamicNamespaceByPattern() {
		connect("r", "/room-7");
		this.driver.emitWithAck("r", "w1", "where");
		assertThat(SocketIoNodeDriver.args(this.driver.awaitAck("r", "w1")).get(0).asString()).isEqualTo("/room-7");
	}

	private void connect(String id, String namespace) {
		this.driver.connect(id, "http://localhost:" + this.port + namespace, Map.of());
		assertThat(this.driver.await(id, "connect").path("type").asString()).isEqualTo("connect");
	}

}
