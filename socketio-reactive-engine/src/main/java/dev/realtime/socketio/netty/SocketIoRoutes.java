package dev.realtime.socketio.netty;

import java.util.List;
import java.util.function.Consumer;

import dev.realtime.socketio.server.SocketIoServer;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Mounts Socket.IO servers on Reactor Netty {@link HttpServerRoutes}: the Engine.IO
 * endpoint and, when its files are on the classpath, the browser client bundle
 * ({@link SocketIoClientBundle}): <pre class="code">
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
		List<SocketIoServer> all = List.of(servers);
		return (routes) -> mount(routes, all);
	}

	/**
	 * Add routes for the given servers to existing routes.
	 * @param routes the routes
	 * @param servers the servers
	 * @return the routes
	 */
	public static HttpServerRoutes mount(HttpServerRoutes routes, List<SocketIoServer> servers) {
		for (SocketIoServer server : servers) {
			if (server.options().serveClient()) {
				SocketIoClientBundle bundle = new SocketIoClientBundle(server.engine().options().path(),
						SocketIoRoutes.class.getClassLoader());
				routes.route(bundle::matches, bundle::handle);
			}
			routes.route(server.engine()::matches, server.engine()::handle);
		}
		return routes;
	}

}
