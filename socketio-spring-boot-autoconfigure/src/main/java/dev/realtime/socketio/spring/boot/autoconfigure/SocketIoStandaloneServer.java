package dev.realtime.socketio.spring.boot.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.ChannelBindException;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

import dev.realtime.socketio.netty.HttpRequestTimeouts;
import dev.realtime.socketio.netty.SocketIoRoutes;
import dev.realtime.socketio.server.SocketIoServer;

/**
 * Runs the Socket.IO server on its own Reactor Netty {@link HttpServer}, started and
 * stopped with the application context. Once bound, the port is published as the
 * {@value #PORT_PROPERTY} property, like Boot's {@code local.server.port}.
 */
class SocketIoStandaloneServer implements SmartLifecycle {

	/**
	 * Property holding the port the standalone server listens on.
	 */
	static final String PORT_PROPERTY = "local.socketio.port";

	/**
	 * Starts with the web servers and stops after {@link SocketIoServerShutdownLifecycle}
	 * closed every session (Boot's {@code WebServerStartStopLifecycle} phase).
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

	private static final Log logger = LogFactory.getLog(SocketIoStandaloneServer.class);

	private static final String PROPERTY_SOURCE_NAME = "server.ports";

	private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);

	private final SocketIoServer server;

	private final @Nullable InetAddress address;

	private final int port;

	private final HttpRequestTimeouts timeouts;

	private final SocketIoEventLoops loops;

	private final ConfigurableEnvironment environment;

	private volatile @Nullable DisposableServer disposableServer;

	SocketIoStandaloneServer(SocketIoServer server, @Nullable InetAddress address, int port,
			HttpRequestTimeouts timeouts, SocketIoEventLoops loops, ConfigurableEnvironment environment) {
		this.server = server;
		this.loops = loops;
		this.address = address;
		this.port = port;
		this.timeouts = timeouts;
		this.environment = environment;
	}

	@Override
	public void start() {
		if (this.disposableServer != null) {
			return;
		}
		HttpServer httpServer = this.loops
			.applyTo(HttpServer.create().port(this.port).route(SocketIoRoutes.of(this.server)));
		InetAddress address = this.address;
		if (address != null) {
			httpServer = httpServer.host(address.getHostAddress());
		}
		DisposableServer bound;
		try {
			bound = this.timeouts.applyTo(httpServer).bindNow(BIND_TIMEOUT);
		}
		catch (ChannelBindException ex) {
			throw new SocketIoStartupException(
					"The standalone Socket.IO server could not bind port " + this.port
							+ ((address != null) ? " on " + address.getHostAddress() : "") + ": "
							+ ((ex.getCause() != null) ? ex.getCause().getMessage() : ex.getMessage()),
					"Stop the process that listens on port " + this.port + ", or set socketio.server.port to "
							+ "another port (0 for a random one), or unset it to share the web server's port.",
					ex);
		}
		this.disposableServer = bound;
		publishPort(bound.port());
		logger.info("Socket.IO server started on port " + bound.port() + " (path "
				+ this.server.options().engine().path() + ")");
	}

	@Override
	public void stop() {
		DisposableServer bound = this.disposableServer;
		if (bound != null) {
			this.disposableServer = null;
			bound.disposeNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.disposableServer != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Return the port the server listens on.
	 * @return the port, or -1 when not running
	 */
	int getPort() {
		DisposableServer bound = this.disposableServer;
		return (bound != null) ? bound.port() : -1;
	}

	@SuppressWarnings("unchecked")
	private void publishPort(int port) {
		MutablePropertySources sources = this.environment.getPropertySources();
		PropertySource<?> source = sources.get(PROPERTY_SOURCE_NAME);
		if (source == null) {
			source = new MapPropertySource(PROPERTY_SOURCE_NAME, new HashMap<>());
			sources.addFirst(source);
		}
		((Map<String, Object>) source.getSource()).put(PORT_PROPERTY, port);
	}

}
