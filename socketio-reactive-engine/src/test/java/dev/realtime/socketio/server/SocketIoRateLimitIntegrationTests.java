package dev.realtime.socketio.server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.realtime.socketio.server.EventRateLimits.Rate;
import dev.realtime.socketio.testsupport.SocketIoNodeDriver;
import dev.realtime.socketio.testsupport.SocketIoTestServer;
import dev.realtime.socketio.testsupport.TestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static dev.realtime.socketio.testsupport.SocketIoNodeDriver.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Event rate limits per socket and per event, driven by the npm client.
 */
class SocketIoRateLimitIntegrationTests {

	private final Map<String, DisconnectReason> reasons = new ConcurrentHashMap<>();

	@RegisterExtension
	final TestFixture<SocketIoTestServer> servers = TestFixture.manual();

	private SocketIoTestServer server;

	private SocketIoNodeDriver driver;

	private void start(EventRateLimits limits) {
		this.server = this.servers.start(SocketIoTestServer.start((options) -> options.eventRateLimits(limits)));
		this.server.io().onConnection((socket) -> {
			socket.on("work", (args, ack) -> {
				if (ack != null) {
					ack.send("done");
				}
			});
			socket.onDisconnect((reason, description) -> this.reasons.put(socket.id(), reason));
		});
		this.driver = SocketIoNodeDriver.start();
		this.driver.connect("a", this.server.url("/"), Map.of("transports", List.of("websocket")));
		this.driver.await("a", "connect");
	}

	@AfterEach
	void stop() {
		this.driver.close();
	}

	@Test
	void eventsOverTheBurstAreDroppedWithAnErrorAck() {
		start(EventRateLimits.builder().perSocket(new Rate(0.001, 3)).maxViolations(0).build());
		for (int i = 0; i < 5; i++) {
			this.driver.emitWithAck("a", "t" + i, "work", i);
		}
		for (int i = 0; i < 3; i++) {
			assertThat(args(this.driver.awaitAck("a", "t" + i)).get(0).asString()).isEqualTo("done");
		}
		for (int i = 3; i < 5; i++) {
			JsonNode reply = args(this.driver.awaitAck("a", "t" + i)).get(0);
			assertThat(reply.path("error").asString()).isEqualTo("rate limit exceeded");
		}
	}

	@Test
	void anEventCanHaveItsOwnTighterLimit() {
		start(EventRateLimits.builder().event("/", "work", new Rate(0.001, 1)).build());
		this.driver.emitWithAck("a", "first", "work");
		this.driver.emitWithAck("a", "second", "work");
		assertThat(args(this.driver.awaitAck("a", "first")).get(0).asString()).isEqualTo("done");
		assertThat(args(this.driver.awaitAck("a", "second")).get(0).path("error").asString())
			.isEqualTo("rate limit exceeded");
	}

	@Test
	void repeatedAbuseClosesTheConnection() {
		start(EventRateLimits.builder().perSocket(new Rate(0.001, 1)).maxViolations(3).build());
		for (int i = 0; i < 10; i++) {
			this.driver.emit("a", "work", i);
		}
		assertThat(this.driver.await("a", "disconnect").path("reason").asString()).isEqualTo("transport close");
		await().until(() -> this.reasons.containsValue(DisconnectReason.RATE_LIMITED));
	}

}
