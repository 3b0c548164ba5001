package dev.realtime.socketio.conformance;

import java.util.List;
import java.util.Map;

import dev.realtime.socketio.testsupport.SocketIoNodeDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.realtime.socketio.server.SocketIoServer;

import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.args;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code /socket.io-csr/} endpoint of CONFORMANCE-APP.md section 3 with the npm client:
 * a client whose transport the server closed comes back with its id and the room events it
 * missed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ConformanceAppConnectionStateRecoveryIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SocketIoServer socketIo;

	private SocketIoNodeDriver driver;

	@BeforeEach
	void startDriver() {
		this.driver = SocketIoNodeDriver.start();
	}

	@AfterEach
	void stopDriver() {
		this.driver.close();
	}

	private JsonNode connect(String id) {
		this.driver.connect(id, "http://127.0.0.1:" + this.port + "/", Map.of("path", "/socket.io-csr/", "transports",
				List.of("websocket"), "reconnection", false));
		return this.driver.await(id, "connect");
	}

	@Test
	void mainEndpointIsStillTheAutoConfiguredServerWithoutRecovery() {
		assertThat(this.socketIo.options().engine().path()).isEqualTo("/socket.io/");
		assertThat(this.socketIo.options().connectionStateRecovery()).isNull();
	}

	@Test
	void clientWhoseTransportWasClosedGetsItsIdAndTheMissedRoomEvents() {
		JsonNode first = connect("a");
		assertThat(first.path("pid").isString()).isTrue();
		assertThat(first.path("recovered").asBoolean()).isFalse();
		JsonNode other = connect("b");
		assertThat(other.path("sid").asString()).isNotEqualTo(first.path("sid").asString());

		this.driver.emitWithAck("a", "first", "emit-to-room", 3);
		assertThat(args(this.driver.awaitAck("a", "first")).get(0).asString()).isEqualTo("done");
		for (int i = 0; i < 3; i++) {
			ArrayNode args = args(this.driver.awaitEvent("a", "room-event"));
			assertThat(args.get(0).asInt()).isEqualTo(i);
			assertThat(args.get(1).isString()).as("offset").isTrue();
		}

		this.driver.emit("a", "server-close-transport");
		assertThat(this.driver.await("a", "disconnect").path("reason").asString()).isEqualTo("transport close");
		this.driver.emitWithAck("b", "second", "emit-to-room", 2);
		assertThat(args(this.driver.awaitAck("b", "second")).get(0).asString()).isEqualTo("done");
		this.driver.run("a", "connectAgain");

		JsonNode again = this.driver.await("a", "connect");
		assertThat(again.path("recovered").asBoolean()).isTrue();
		assertThat(again.path("sid").asString()).isEqualTo(first.path("sid").asString());
		assertThat(again.path("pid").asString()).isEqualTo(first.path("pid").asString());
		for (int i = 0; i < 2; i++) {
			assertThat(args(this.driver.awaitEvent("a", "room-event")).get(0).asInt()).isEqualTo(i);
		}
		this.driver.emitWithAck("a", "third", "emit-to-room", 1);
		this.driver.awaitAck("a", "third");
		this.driver.awaitEvent("a", "room-event");
		List<String> offsets = this.driver
			.received((line) -> "a".equals(line.path("id").asString()) && "room-event".equals(line.path("event").asString()))
			.stream()
			.map((line) -> args(line).get(1).asString())
			.toList();
		assertThat(offsets).hasSize(6).doesNotHaveDuplicates();
	}

}
