package dev.realtime.socketio.netty;

import java.time.Duration;

import dev.realtime.socketio.engine.EngineIoServer;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Runs Engine.IO servers on a standalone Reactor Netty HTTP server.
 *
 * @since 0.1.0
 */
public final class EngineIoHttpServer {

	private EngineIoHttpServer() {
	}

	/**
	 * Bind a server that serves only the given engines, with the default read timeouts
	 * for requests sent too slowly ({@link HttpRequestTimeouts#defaults()}).
	 * @param host the address to bind
	 * @param port the port, 0 for a random one
	 * @param servers the engines, at distinct paths
	 * @return the running server
	 */
	public static DisposableServer start(String host, int port, EngineIoServer... servers) {
		return start(host, port, HttpRequestTimeouts.defaults(), servers);
	}

	/**
	 * Bind a server that serves only the given engines, with the given read timeouts for
	 * requests sent too slowly.
	 * @param host the address to bind
	 * @param port the port, 0 for a random one
	 * @param timeouts the request read timeouts
	 * @param servers the engines, at distinct paths
	 * @return the running server
	 */
	public static DisposableServer start(String host, int port, HttpRequestTimeouts timeouts,
			EngineIoServer... servers) {
		HttpServer server = HttpServer.create().host(host).port(port).route(EngineIoRoutes.of(servers));
		return timeouts.applyTo(server).bindNow(Duration.ofSeconds(30));
	}

}
