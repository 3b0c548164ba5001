package dev.realtime.socketio.testsupport;

import java.time.Duration;
import java.util.function.Consumer;

import dev.realtime.socketio.engine.EngineIoOptions;
import dev.realtime.socketio.netty.SocketIoRoutes;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerOptions;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A {@link SocketIoServer} mounted on a real Reactor Netty {@link HttpServer} at
 * {@code 127.0.0.1} and a random port.
 */
public final class SocketIoTestServer implements AutoCloseable {

	public static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final SocketIoServer io;

	private final DisposableServer http;

	private SocketIoTestServer(SocketIoServer io) {
		this.io = io;
		this.http = HttpServer.create().host("127.0.0.1").port(0).route(SocketIoRoutes.of(io)).bindNow();
	}

	/**
	 * Start a server with the default options.
	 */
	public static SocketIoTestServer start() {
		return start((options) -> {
		});
	}

	/**
	 * Start a server with customised options.
	 */
	public static SocketIoTestServer start(Consumer<SocketIoServerOptions.Builder> customizer) {
		SocketIoServerOptions.Builder builder = SocketIoServerOptions.builder();
		customizer.accept(builder);
		return new SocketIoTestServer(SocketIoServer.create(builder.build()));
	}

	/**
	 * Engine settings with a heartbeat fast enough for a ping timeout test.
	 */
	public static EngineIoOptions fastHeartbeat() {
		return EngineIoOptions.builder()
			.path("/socket.io/")
			.pingInterval(Duration.ofMillis(200))
			.pingTimeout(Duration.ofMillis(200))
			.build();
	}

	public SocketIoServer io() {
		return this.io;
	}

	public int port() {
		return this.http.port();
	}

	/**
	 * Return the URL a client uses for a namespace.
	 */
	public String url(String namespace) {
		return "http://127.0.0.1:" + port() + namespace;
	}

	/**
	 * Return the raw WebSocket URL of the Engine.IO endpoint.
	 */
	public String webSocketUrl() {
		return "ws://127.0.0.1:" + port() + "/socket.io/?EIO=4&transport=websocket";
	}

	@Override
	public void close() {
		try {
			this.io.close().block(TIMEOUT);
		}
		finally {
			this.http.disposeNow(TIMEOUT);
		}
	}

}
