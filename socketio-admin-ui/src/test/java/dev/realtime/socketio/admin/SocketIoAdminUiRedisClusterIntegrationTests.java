package dev.realtime.socketio.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;
import tools.jackson.databind.JsonNode;

import dev.realtime.socketio.redis.RedisAdapterFactory;
import dev.realtime.socketio.redis.RedisAdapterOptions;
import dev.realtime.socketio.testsupport.SocketIoNodeDriver;
import dev.realtime.socketio.testsupport.SocketIoTestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on the Redis adapter (a real Redis, the binary embedded-redis ships), each
 * instrumented for the Admin UI: one admin connection on node A sees, in
 * {@code all_sockets}, a socket connected to node B with its room, and then node B's room
 * joins as they happen.
 */
class SocketIoAdminUiRedisClusterIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private RedisServer redis;

	private final List<AutoCloseable> resources = new ArrayList<>();

	private SocketIoNodeDriver driver;

	@AfterEach
	void close() throws Exception {
		if (this.driver != null) {
			this.driver.close();
		}
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
		if (this.redis != null) {
			this.redis.stop();
		}
	}

	@Test
	void anAdminOnOneNodeSeesTheSocketsAndRoomsOfTheOther() throws IOException {
		int port = freePort();
		this.redis = RedisServer.newRedisServer()
			.port(port)
			.bind("127.0.0.1")
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		this.redis.start();
		SocketIoTestServer nodeA = node(port, "node-a");
		SocketIoTestServer nodeB = node(port, "node-b");
		RedisAdapterFactory factoryA = (RedisAdapterFactory) nodeA.io().options().adapterFactory();
		await().atMost(TIMEOUT).until(() -> factoryA.adapter(nodeA.io().sockets()).serverCount().block(TIMEOUT) == 2);

		this.driver = SocketIoNodeDriver.start();
		this.driver.connect("app", nodeB.url("/"), Map.of());
		String sid = this.driver.await("app", "connect").path("sid").asString();
		nodeB.io().sockets().sockets().get(sid).join("lobby");

		this.driver.connect("admin", nodeA.url("/admin"), Map.of());
		this.driver.await("admin", "connect");
		JsonNode all = SocketIoAdminUiIntegrationTests.args(this.driver.awaitEvent("admin", "all_sockets")).get(0);
		JsonNode remote = SocketIoAdminUiIntegrationTests.find(all,
				(socket) -> socket.path("id").asString().equals(sid));
		assertThat(remote.path("nsp").asString()).isEqualTo("/");
		assertThat(SocketIoAdminUiIntegrationTests.texts(remote.path("rooms"))).containsExactlyInAnyOrder(sid, "lobby");
		assertThat(nodeA.io().sockets().sockets()).doesNotContainKey(sid);

		// The join hook of the Redis adapter on node B reaches the admin on node A.
		nodeB.io().sockets().sockets().get(sid).join("vip");
		JsonNode joined = SocketIoAdminUiIntegrationTests
			.args(this.driver.await((line) -> "admin".equals(line.path("id").asString())
					&& "room_joined".equals(line.path("event").asString())
					&& line.path("args").get(1).asString().equals("vip"), TIMEOUT));
		assertThat(joined.get(2).asString()).isEqualTo(sid);
	}

	private SocketIoTestServer node(int redisPort, String serverId) {
		RedisAdapterFactory factory = RedisAdapterFactory.create(RedisURI.create("redis://127.0.0.1:" + redisPort),
				RedisAdapterOptions.builder().requestTimeout(Duration.ofSeconds(3)).build());
		this.resources.add(factory::close);
		SocketIoTestServer server = SocketIoTestServer.start((options) -> options.adapterFactory(factory));
		this.resources.add(server::close);
		SocketIoAdminUi adminUi = SocketIoAdminUi.instrument(server.io(),
				AdminUiOptions.builder().auth(AdminUiAuth.none()).serverId(serverId).build());
		this.resources.add(adminUi::close);
		return server;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
