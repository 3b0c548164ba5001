package dev.realtime.socketio.spring.boot.autoconfigure;

import java.util.List;

import reactor.netty.http.server.HttpServerRoutes;

import org.springframework.boot.reactor.netty.NettyRouteProvider;

import dev.realtime.socketio.netty.SocketIoRoutes;
import dev.realtime.socketio.server.SocketIoServer;

/**
 * {@link NettyRouteProvider} that mounts the Socket.IO server on the WebFlux server's own
 * port. Boot applies route providers ahead of the WebFlux handler, so WebFlux filters
 * never see this traffic: the engine applies CORS itself.
 */
class SocketIoNettyRouteProvider implements NettyRouteProvider {

	private final SocketIoServer server;

	SocketIoNettyRouteProvider(SocketIoServer server) {
		this.server = server;
	}

	@Override
	public HttpServerRoutes apply(HttpServerRoutes routes) {
		return SocketIoRoutes.mount(routes, List.of(this.server));
	}

}
