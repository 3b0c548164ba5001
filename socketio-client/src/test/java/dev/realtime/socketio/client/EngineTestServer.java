package dev.realtime.socketio.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import reactor.netty.http.server.HttpServer;

import dev.realtime.socketio.server.ConnectRejectedException;
import dev.realtime.socketio.server.ConnectionStateRecoveryOptions;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.testsupport.SocketIoTestServer;
import dev.realtime.socketio.testsupport.TestHandlers;

import static dev.realtime.socketio.testsupport.TestHandlers.values;

/**
 * Our server, a {@link SocketIoServer} on a Reactor Netty {@link HttpServer} at a random
 * port, answering the same events as {@code node/sio-server.js}.
 */
final class EngineTestServer implements TestServer {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final SocketIoTestServer server;

	private final SocketIoServer io;

	private final Map<String, CompletableFuture<String>> disconnects = new ConcurrentHashMap<>();

	private EngineTestServer(boolean recovery) {
		this.server = SocketIoTestServer.start((options) -> {
			if (recovery) {
				options.connectionStateRecovery(ConnectionStateRecoveryOptions.builder()
					.maxDisconnectionDuration(Duration.ofMinutes(1))
					.skipMiddlewares(true)
					.build());
			}
		});
		this.io = this.server.io();
		handlers(this.io.of("/"));
		handlers(this.io.of("/custom"));
		this.io.of("/refuse")
			.use((socket) -> reactor.core.publisher.Mono
				.error(new ConnectRejectedException("Not allowed", java.util.Map.of("code", "E42"))));
	}

	static EngineTestServer start(boolean recovery) {
		return new EngineTestServer(recovery);
	}

	private void handlers(Namespace nsp) {
		nsp.onConnection((socket) -> {
			CompletableFuture<String> disconnected = this.disconnects.computeIfAbsent(socket.id(),
					(id) -> new CompletableFuture<>());
			socket.onDisconnect((why, description) -> disconnected.complete(String.valueOf(why)));
			if (!socket.recovered()) {
				socket.emit("auth", socket.handshake().auth());
			}
			socket.on("message", (args, ack) -> socket.emit("message-back", (Object[]) values(args, 0)));
			TestHandlers.ackEcho(socket, "message-with-ack");
			socket.on("ask",
					(args, ack) -> socket.timeout(Duration.ofSeconds(5))
						.emitWithCallback(args.get(0).asString(),
								(error, reply) -> socket.emit("answer",
										(error != null) ? java.util.Map.of("error", "timeout") : reply),
								(Object[]) values(args, 1)));
			TestHandlers.joinOnRequest(socket, "joined");
			socket.on("to-room", (args, ack) -> {
				nsp.to(args.get(0).asString()).emit("news", (Object[]) values(args, 1));
				if (ack != null) {
					ack.send("sent");
				}
			});
			socket.on("transport", (args, ack) -> {
				if (ack != null) {
					ack.send(socket.conn().transport().wireName());
				}
			});
			socket.on("engine-id", (args, ack) -> {
				if (ack != null) {
					ack.send(socket.conn().id());
				}
			});
			socket.on("handshake", (args, ack) -> {
				if (ack != null) {
					Map<String, Object> seen = new java.util.HashMap<>();
					seen.put("query", socket.handshake().queryParam("room"));
					seen.put("header", socket.handshake().headers().get("x-test"));
					ack.send(seen);
				}
			});
			socket.on("drop", (args, ack) -> {
				String room = args.get(0).asString();
				// Emitted once the server has seen the socket go: kept for connection
				// state recovery
				socket.onDisconnect((reason, description) -> nsp.to(room).emit("news", "while-away"));
				socket.conn().close();
			});
			socket.on("kick", (args, ack) -> socket.disconnect());
		});
	}

	SocketIoServer io() {
		return this.io;
	}

	@Override
	public String uri() {
		return this.server.url("");
	}

	@Override
	public String awaitDisconnectReason(String socketId) {
		try {
			return this.disconnects.computeIfAbsent(socketId, (id) -> new CompletableFuture<>())
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("Socket " + socketId + " was not disconnected", ex);
		}
	}

	@Override
	public void close() {
		this.server.close();
	}

	@Override
	public String toString() {
		return "SocketIoServer";
	}

}
