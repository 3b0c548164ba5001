package dev.realtime.socketio.spring.boot.autoconfigure;

import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

import dev.realtime.socketio.netty.HttpRequestTimeouts;

/**
 * Applies {@link HttpRequestTimeouts} to the application's own Reactor Netty server when
 * Socket.IO shares its port. The headers timeout applies to every request on the port
 * (the path is not known before the headers are complete); the body timeout only to
 * requests under the Socket.IO path, so the application's own uploads are not timed.
 */
final class SocketIoRequestTimeoutsCustomizer implements NettyServerCustomizer {

	private final HttpRequestTimeouts timeouts;

	private final String path;

	SocketIoRequestTimeoutsCustomizer(HttpRequestTimeouts timeouts, String path) {
		this.timeouts = timeouts;
		this.path = path;
	}

	@Override
	public HttpServer apply(HttpServer server) {
		return this.timeouts.applyTo(server, this.path);
	}

}
