package dev.realtime.socketio.netty;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.realtime.socketio.engine.EngineIoServer;
import dev.realtime.socketio.server.SocketIoServer;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Mounts Socket.IO servers on Reactor Netty {@link HttpServerRoutes}:
 * <pre class="code">
 * HttpServer.create().port(3000).route(SocketIoRoutes.of(io)).bindNow();
 * </pre>
 *
 * @since 0.1.0
 */
public final class SocketIoRoutes {

	private SocketIoRoutes() {
	}

	/**
	 * Return a routes customizer that serves the given servers.
	 * @param servers the servers, at distinct paths
	 * @return a consumer for {@code HttpServer.route(..)}
	 */
	public static Consumer<HttpServerRoutes> of(SocketIoServer... servers) {
		List<EngineIoServer> engines = new ArrayList<>(servers.length);
		for (SocketIoServer server : servers) {
			engines.add(server.engine());
		}
		return (routes) -> EngineIoRoutes.mount(routes, engines);
	}

}
