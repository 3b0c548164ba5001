package dev.realtime.socketio.server;

import java.time.Duration;

import dev.realtime.socketio.engine.EngineIoCorsOptions;
import dev.realtime.socketio.engine.EngineIoOptions;
import dev.realtime.socketio.engine.EngineIoServer;
import dev.realtime.socketio.internal.EngineIoEcho;
import dev.realtime.socketio.internal.ServerInternals;
import dev.realtime.socketio.netty.EngineIoRoutes;
import dev.realtime.socketio.testsupport.TestHandlers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;

import static dev.realtime.socketio.testsupport.TestHandlers.values;

/**
 * The conformance contract (docs/protocol.md 3.1 and 3.2) on the engine API alone, for
 * the engine's own integration tests. {@code main} serves it on port 3000 for the
 * official suites.
 */
public final class ConformanceFixture implements AutoCloseable {

	private final EngineIoServer engine;

	private final SocketIoServer io;

	private final DisposableServer server;

	private ConformanceFixture(int port) {
		this.engine = EngineIoServer.create(engineOptions("/engine.io/").build());
		this.engine.onConnection(EngineIoEcho::attach);
		this.io = SocketIoServer.create(SocketIoServerOptions.builder()
			.engine(engineOptions("/socket.io/").build())
			.connectTimeout(Duration.ofMillis(1000))
			.build());
		for (String name : new String[] { "/", "/custom", "/restricted" }) {
			Namespace namespace = this.io.of(name);
			namespace.onConnection(ConformanceFixture::handlers);
		}
		this.io.of("/restricted").use((socket) -> {
			JsonNode token = socket.handshake().auth().get("token");
			if (token != null && "let-me-in".equals(token.asString())) {
				return reactor.core.publisher.Mono.empty();
			}
			return reactor.core.publisher.Mono
				.error(new ConnectRejectedException("unauthorized", java.util.Map.of("reason", "bad token")));
		});
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.route((routes) -> EngineIoRoutes.mount(routes, java.util.List.of(this.engine, this.io.engine())))
			.bindNow();
	}

	static EngineIoOptions.Builder engineOptions(String path) {
		return EngineIoOptions.builder()
			.path(path)
			.pingInterval(Duration.ofMillis(300))
			.pingTimeout(Duration.ofMillis(200))
			.maxHttpBufferSize(1_000_000)
			.cors(EngineIoCorsOptions.anyOrigin());
	}

	public static ConformanceFixture start(int port) {
		return new ConformanceFixture(port);
	}

	public int port() {
		return this.server.port();
	}

	public SocketIoServer io() {
		return this.io;
	}

	private static void handlers(SocketIoSocket socket) {
		Namespace nsp = socket.namespace();
		// The official suite reads the CONNECT ack and the "auth" event with two separate
		// one-shot listeners, so it misses the event when both arrive in one network
		// read.
		ServerInternals.engineSocket(socket)
			.eventLoop()
			.schedule(() -> socket.emit("auth", socket.handshake().auth()), 20,
					java.util.concurrent.TimeUnit.MILLISECONDS);
		socket.on("message", (args, ack) -> socket.emit("message-back", (Object[]) values(args, 0)));
		TestHandlers.ackEcho(socket, "message-with-ack");
		socket.on("request-server-ack",
				(args, ack) -> socket.emitWithCallback("server-ack-request",
						(error, reply) -> socket.emit("server-ack-result", (Object[]) values(reply, 0)),
						(Object[]) values(args, 0)));
		socket.on("request-server-ack-timeout", (args, ack) -> socket.timeout(Duration.ofMillis(args.get(0).asLong()))
			.emitWithCallback("server-ack-request",
					(error, reply) -> socket.emit("server-ack-timeout-result", (error != null) ? "timeout" : "acked"),
					"ignore-me"));
		TestHandlers.joinOnRequest(socket, "joined");
		socket.on("leave", (args, ack) -> {
			socket.leave(args.get(0).asString());
			if (ack != null) {
				ack.send("left");
			}
		});
		socket.on("to-room", (args, ack) -> {
			socket.to(args.get(0).asString()).emit("room-message", (Object[]) values(args, 1));
			if (ack != null) {
				ack.send("sent");
			}
		});
		socket.on("to-room-all", (args, ack) -> {
			nsp.to(args.get(0).asString()).emit("room-message", (Object[]) values(args, 1));
			if (ack != null) {
				ack.send("sent");
			}
		});
		socket.on("broadcast", (args, ack) -> {
			socket.broadcast().emit("broadcast-message", (Object[]) values(args, 0));
			if (ack != null) {
				ack.send("sent");
			}
		});
		socket.on("volatile-burst", (args, ack) -> {
			int n = args.get(0).asInt();
			for (int i = 0; i < n; i++) {
				socket.asVolatile().emit("volatile-message", i);
			}
			socket.emit("volatile-done", n);
		});
		socket.on("server-disconnect", (args, ack) -> socket.disconnect());
		socket.on("server-close-transport", (args, ack) -> socket.conn().close());
	}

	@Override
	public void close() {
		this.io.close().block(Duration.ofSeconds(5));
		this.engine.shutdown().block(Duration.ofSeconds(5));
		this.server.disposeNow();
	}

	public static void main(String[] args) throws InterruptedException {
		int port = (args.length > 0) ? Integer.parseInt(args[0]) : 3000;
		ConformanceFixture fixture = start(port);
		System.out.println("Conformance fixture on port " + fixture.port());
		Thread.currentThread().join();
	}

}
