package dev.realtime.socketio.server;

import java.time.Duration;

import dev.realtime.socketio.protocol.SocketIoParserType;
import dev.realtime.socketio.testsupport.NodeScript;
import dev.realtime.socketio.testsupport.SocketIoTestServer;
import dev.realtime.socketio.testsupport.TestHandlers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The npm {@code socket.io-client} 4.8.4 with {@code socket.io-msgpack-parser} 3.0.2
 * against a server with {@link SocketIoParserType#MSGPACK}: events, acks and binary in
 * both directions, and a room broadcast, over long-polling and over WebSocket.
 */
class SocketIoMsgPackInteropIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private SocketIoTestServer server;

	@BeforeEach
	void startServer() {
		this.server = SocketIoTestServer.start((options) -> options.parser(SocketIoParserType.MSGPACK));
		this.server.io().onConnection((socket) -> {
			socket.emit("welcome", "hi", new byte[] { 9, 8, 7 });
			// The reply echoes the payload and the binary argument as they were decoded.
			TestHandlers.ackEcho(socket, "echo");
			TestHandlers.joinOnRequest(socket);
		});
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "polling", "websocket" })
	void eventsAcksBinaryAndRooms(String transport) {
		try (NodeScript client = NodeScript.start("node/msgpack-client.js", this.server.url("/"), transport)) {
			assertThat(client.awaitEvent("connected", TIMEOUT).at("/data/id").asString()).isNotEmpty();

			JsonNode welcome = client.awaitEvent("welcome", TIMEOUT).get("data");
			assertThat(welcome.get("text").asString()).isEqualTo("hi");
			assertThat(welcome.get("bin").toString()).isEqualTo("[9,8,7]");
			assertThat(welcome.get("transport").asString()).isEqualTo(transport);

			JsonNode ack = client.awaitEvent("ack", TIMEOUT).get("data");
			assertThat(ack.get("reply").toString()).isEqualTo("{\"a\":1,\"b\":\"é€😀\",\"c\":[true,null,2.5]}");
			assertThat(ack.get("bin").toString()).isEqualTo("[1,2,3]");

			assertThat(client.awaitEvent("joined", TIMEOUT).at("/data/transport").asString()).isEqualTo(transport);
			this.server.io().to("r1").emit("room", java.util.Map.of("x", 1), new byte[] { 4, 5 });
			JsonNode room = client.awaitEvent("room", TIMEOUT).get("data");
			assertThat(room.get("payload").toString()).isEqualTo("{\"x\":1}");
			assertThat(room.get("bin").toString()).isEqualTo("[4,5]");
		}
	}

}
