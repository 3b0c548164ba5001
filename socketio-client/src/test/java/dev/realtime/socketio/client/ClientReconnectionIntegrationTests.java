package dev.realtime.socketio.client;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconnection when the server goes away for good.
 */
class ClientReconnectionIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private SocketIoClient client;

	@AfterEach
	void close() {
		if (this.client != null) {
			this.client.close().block(TIMEOUT);
		}
	}

	@Test
	void givesUpAfterTheLastAttemptAndCompletesTheSocketsFluxes() {
		EngineTestServer server = EngineTestServer.start(false);
		this.client = SocketIoClient.builder()
			.uri(server.uri())
			.transports(Transport.WEBSOCKET)
			.reconnection(Reconnection.builder()
				.delay(Duration.ofMillis(20))
				.maxDelay(Duration.ofMillis(40))
				.maxAttempts(2)
				.build())
			.build();
		ClientSocket socket = this.client.connect().block(TIMEOUT);
		StepVerifier.create(socket.connectionEvents())
			.then(server::close)
			.assertNext((event) -> assertThat(event).isInstanceOfSatisfying(ConnectionEvent.Disconnected.class,
					(disconnected) -> assertThat(disconnected.willReconnect()).isTrue()))
			.assertNext((event) -> assertThat(event).isInstanceOfSatisfying(ConnectionEvent.ConnectError.class,
					(error) -> assertThat(error.willReconnect()).isTrue()))
			.assertNext(
					(event) -> assertThat(event).isInstanceOfSatisfying(ConnectionEvent.ConnectError.class, (error) -> {
						assertThat(error.willReconnect()).isFalse();
						assertThat(error.error().isRefused()).isFalse();
					}))
			.verifyComplete();
		assertThat(socket.connected()).isFalse();
		StepVerifier.create(socket.on("anything")).verifyComplete();
	}

}
