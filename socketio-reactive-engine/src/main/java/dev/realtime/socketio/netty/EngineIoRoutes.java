package dev.realtime.socketio.netty;

import java.util.List;
import java.util.function.Consumer;

import dev.realtime.socketio.engine.EngineIoServer;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Mounts Engine.IO servers on Reactor Netty {@link HttpServerRoutes}, each under its own
 * path prefix: <pre class="code">
 * HttpServer.create().route(EngineIoRoutes.of(engine)).bindNow();
 * </pre>
 *
 * @since 0.1.0
 */
public final class EngineIoRoutes {

	private EngineIoRoutes() {
	}

	/**
	 * Return a routes customizer that serves the given servers.
	 * @param servers the servers, at distinct paths
	 * @return a consumer for {@code HttpServer.route(..)}
	 */
	public static Consumer<HttpServerRoutes> of(EngineIoServer... servers) {
		List<EngineIoServer> all = List.of(servers);
		return (routes) -> mount(routes, all);
	}

	/**
	 * Add routes for the given servers to existing routes.
	 * @param routes the routes
	 * @param servers the servers
	 * @return the routes
	 */
	public static HttpServerRoutes mount(HttpServerRoutes routes, List<EngineIoServer> servers) {
		for (EngineIoServer server : servers) {
			routes.route(server::matches, server::handle);
		}
		return routes;
	}

}
