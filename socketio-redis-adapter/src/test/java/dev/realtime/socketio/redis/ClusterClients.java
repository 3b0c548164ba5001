package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.realtime.socketio.server.RemoteSocket;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.testsupport.SocketIoNodeDriver;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the cluster tests do with the npm {@code socket.io-client} sockets of a
 * {@link SocketIoNodeDriver}, whichever servers (Java or Node) they are connected to.
 */
final class ClusterClients {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private ClusterClients() {
	}

	/**
	 * Connect a WebSocket client with {@code auth.user} and the query {@code client} set
	 * to its id, and join rooms (by the {@code join} event the test servers have).
	 * @return its sid
	 */
	static String connect(SocketIoNodeDriver driver, String id, String url, String... rooms) {
		driver.connect(id, url,
				Map.of("transports", List.of("websocket"), "auth", Map.of("user", id), "query", Map.of("client", id)));
		String sid = driver.await(id, "connect").path("sid").asString();
		for (String room : rooms) {
			driver.emitWithAck(id, id + "-" + room, "join", room);
			driver.awaitAck(id, id + "-" + room);
		}
		return sid;
	}

	/** The events of a name a client received so far. */
	static List<JsonNode> received(SocketIoNodeDriver driver, String id, String event) {
		return driver.received((line) -> id.equals(line.path("id").asString())
				&& "event".equals(line.path("type").asString()) && event.equals(line.path("event").asString()));
	}

	/** Whether a client receives an event within a moment. */
	static boolean heard(SocketIoNodeDriver driver, String id, String event) {
		try {
			driver.await((line) -> id.equals(line.path("id").asString()) && "event".equals(line.path("type").asString())
					&& event.equals(line.path("event").asString()), Duration.ofMillis(100));
			return true;
		}
		catch (AssertionError ex) {
			return false;
		}
	}

	/**
	 * The next socket a test's connection listener queued, failing the test when none
	 * comes within a while.
	 */
	static SocketIoSocket next(BlockingQueue<SocketIoSocket> connections) throws InterruptedException {
		SocketIoSocket socket = connections.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(socket).as("a connection within " + WAIT).isNotNull();
		return socket;
	}

	static Set<String> ids(List<RemoteSocket> sockets) {
		Set<String> ids = new HashSet<>();
		sockets.forEach((socket) -> ids.add(socket.id()));
		return ids;
	}

}
