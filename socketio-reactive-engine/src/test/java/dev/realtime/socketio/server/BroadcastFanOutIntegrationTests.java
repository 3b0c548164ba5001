package dev.realtime.socketio.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.http.client.HttpClient;

import dev.realtime.socketio.testsupport.RawWebSocketClient;
import dev.realtime.socketio.testsupport.SocketIoTestServer;
import dev.realtime.socketio.testsupport.TestFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A room large enough that every event loop gets its recipients in several chunks
 * ({@code LoopFanOut}): each member gets each broadcast exactly once and in the order
 * they were sent, whether the sender is an application thread or an event loop (whose own
 * recipients are written inline).
 */
class BroadcastFanOutIntegrationTests {

	/** Reactor Netty runs at least 4 loops: about 150 members each, over a chunk. */
	private static final int MEMBERS = 600;

	@RegisterExtension
	final TestFixture<SocketIoTestServer> servers = TestFixture.manual();

	private final List<RawWebSocketClient> clients = new ArrayList<>();

	@AfterEach
	void closeClients() {
		this.clients.forEach(RawWebSocketClient::close);
	}

	@Test
	void everyMemberGetsEveryBroadcastOnceAndInOrder() {
		SocketIoTestServer server = this.servers.start(SocketIoTestServer.start());
		SocketIoServer io = server.io();
		Set<String> joined = ConcurrentHashMap.newKeySet();
		io.sockets().onConnection((socket) -> {
			socket.join("room");
			joined.add(socket.id());
			socket.on("go", (args, ack) -> {
				for (int i = 3; i < 6; i++) {
					io.to("room").emit("m", i);
				}
			});
		});
		// Unpooled: the shared pool of HttpClient.create() holds at most 500 connections.
		HttpClient http = HttpClient.newConnection();
		for (int i = 0; i < MEMBERS; i++) {
			RawWebSocketClient client = RawWebSocketClient.connect(http, server.webSocketUrl());
			this.clients.add(client);
			assertThat(client.nextText()).startsWith("0{");
			client.connectNamespace("/");
		}
		await().atMost(SocketIoTestServer.TIMEOUT).until(() -> joined.size() == MEMBERS);

		for (int i = 0; i < 3; i++) {
			io.to("room").emit("m", i);
		}
		for (RawWebSocketClient client : this.clients) {
			assertThat(List.of(client.nextPacket(), client.nextPacket(), client.nextPacket()))
				.containsExactly("2[\"m\",0]", "2[\"m\",1]", "2[\"m\",2]");
		}
		this.clients.get(0).sendPacket("2[\"go\"]");
		for (RawWebSocketClient client : this.clients) {
			assertThat(List.of(client.nextPacket(), client.nextPacket(), client.nextPacket()))
				.containsExactly("2[\"m\",3]", "2[\"m\",4]", "2[\"m\",5]");
		}
	}

}
