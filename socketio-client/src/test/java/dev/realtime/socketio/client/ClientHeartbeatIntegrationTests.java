package dev.realtime.socketio.client;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/**
 * The client's side of the EIO4 heartbeat: a server that stops pinging is taken for gone.
 * No real server can be told to stop pinging, so this one speaks just enough of the
 * protocol over a raw Reactor Netty WebSocket: the open packet, the CONNECT ack, and then
 * silence.
 */
class ClientHeartbeatIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String OPEN = "0{\"sid\":\"silent\",\"upgrades\":[],\"pingInterval\":100,"
			+ "\"pingTimeout\":100,\"maxPayload\":1000000}";

	private DisposableServer server;

	private SocketIoClient client;

	@AfterEach
	void close() {
		if (this.client != null) {
			this.client.close().block(TIMEOUT);
		}
		if (this.server != null) {
			this.server.disposeNow(TIMEOUT);
		}
	}

	@Test
	void aServerThatStopsPingingIsDisconnectedWithPingTimeout() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> response
				.sendWebsocket((in, out) -> out.sendString(Flux.concat(Mono.just(OPEN),
						in.receive().asString().filter("40"::equals).map((connect) -> "40{\"sid\":\"socket-1\"}")))))
			.bindNow();
		this.client = SocketIoClient.builder()
			.uri("http://127.0.0.1:" + this.server.port())
			.transports(Transport.WEBSOCKET)
			.reconnection(Reconnection.disabled())
			.build();
		// Subscribed as the socket connects: the timeout may come before a later
		// subscription
		StepVerifier.create(this.client.connect().flatMapMany(ClientSocket::connectionEvents))
			.expectNext(new ConnectionEvent.Connected("socket-1", false))
			.expectNext(new ConnectionEvent.Disconnected(ConnectionEvent.PING_TIMEOUT, false))
			.verifyComplete();
	}

}
