package dev.realtime.socketio.conformance;

import java.util.List;
import java.util.Map;

import dev.realtime.socketio.testsupport.SocketIoNodeDriver;
import dev.realtime.socketio.testsupport.TestFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
 * The {@code /socket.io-csr/} endpoint of docs/protocol.md 3.3 with the npm client: a
 * client whose transport the server closed comes back with its id and the room events it
 * missed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ConformanceAppConnectionStateRecoveryIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SocketIoServer socketIo;

	@RegisterExtension
	final TestFixture<SocketIoNodeDriver> driver = TestFixture.of(SocketIoNodeDriver::start);

	private JsonNode connect(String id) {
		this.driver.get()
			.connect(id, "http://127.0.0.1:" + this.port + "/",
					Map.of("path", "/socket.io-csr/", "transports", List.of("websocket"), "reconnection", false));
		return this.driver.get().await(id, "connect");
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

		this.driver.get().emitWithAck("a", "first", "emit-to-room", 3);
		assertThat(args(this.driver.get().awaitAck("a", "first")).get(0).asString()).isEqualTo("done");
		for (int i = 0; i < 3; i++) {
			ArrayNode args = args(this.driver.get().awaitEvent("a", "room-event"));
			assertThat(args.get(0).asInt()).isEqualTo(i);
			assertThat(args.get(1).isString()).as("offset").isTrue();
		}

		this.driver.get().emit("a", "server-close-transport");
		assertThat(this.driver.get().await("a", "disconnect").path("reason").asString()).isEqualTo("transport close");
		this.driver.get().emitWithAck("b", "second", "emit-to-room", 2);
		assertThat(args(this.driver.get().awaitAck("b", "second")).get(0).asString()).isEqualTo("done");
		this.driver.get().run("a", "connectAgain");

		JsonNode again = this.driver.get().await("a", "connect");
		assertThat(again.path("recovered").asBoolean()).isTrue();
		assertThat(again.path("sid").asString()).isEqualTo(first.path("sid").asString());
		assertThat(again.path("pid").asString()).isEqualTo(first.path("pid").asString());
		for (int i = 0; i < 2; i++) {
			assertThat(args(this.driver.get().awaitEvent("a", "room-event")).get(0).asInt()).isEqualTo(i);
		}
		this.driver.get().emitWithAck("a", "third", "emit-to-room", 1);
		this.driver.get().awaitAck("a", "third");
		this.driver.get().awaitEvent("a", "room-event");
		List<String> offsets = this.driver.get()
			.received((line) -> "a".equals(line.path("id").asString())
					&& "room-event".equals(line.path("event").asString()))
			.stream()
			.map((line) -> args(line).get(1).asString())
			.toList();
		assertThat(offsets).hasSize(6).doesNotHaveDuplicates();
	}

}
