package dev.realtime.socketio.admin;

import java.util.Objects;

import reactor.util.Logger;
import reactor.util.Loggers;

import dev.realtime.socketio.admin.internal.AdminInstrumentation;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.SocketIoServer;

/**
 * The server side of the Socket.IO Admin UI ({@code @socket.io/admin-ui} 0.5.1), as the
 * Node {@code instrument(io, options)}: an admin namespace that the UI connects to, which
 * sends it this node's stats every two seconds and, in development mode, every socket
 * with its handshake, rooms and data, and their events; and which runs the UI's commands
 * (emit, join, leave, disconnect) unless read-only. <pre class="code">
 * SocketIoServer io = SocketIoServer.create(options);
 * SocketIoAdminUi admin = SocketIoAdminUi.instrument(io, AdminUiOptions.builder()
 *     .auth(AdminUiAuth.basic("admin", "$2b$10$..."))
 *     .build());
 * </pre> Behind a cluster adapter (Redis), every node is instrumented with the same
 * options: an admin connected to any node sees the sockets of all of them.
 *
 * @since 0.1.0
 */
public final class SocketIoAdminUi implements AutoCloseable {

	private static final Logger logger = Loggers.getLogger(SocketIoAdminUi.class);

	private final AdminInstrumentation instrumentation;

	private final AdminUiOptions options;

	private SocketIoAdminUi(AdminInstrumentation instrumentation, AdminUiOptions options) {
		this.instrumentation = instrumentation;
		this.options = options;
	}

	/**
	 * Instrument a server: create its admin namespace and start reporting. Call it once
	 * per server, best before clients connect (sockets connected earlier show without
	 * client id and transport).
	 * @param server the server
	 * @param options the options
	 * @return the running instrumentation
	 */
	public static SocketIoAdminUi instrument(SocketIoServer server, AdminUiOptions options) {
		Objects.requireNonNull(server, "server");
		Objects.requireNonNull(options, "options");
		if (!options.auth().enabled()) {
			logger.warn("The Socket.IO admin UI namespace " + options.namespace()
					+ " has no authentication: anyone who reaches the server can see and act on its sockets");
		}
		AdminInstrumentation instrumentation = AdminInstrumentation.start(server, options);
		logger.info("Socket.IO admin UI on namespace " + options.namespace() + " (server id "
				+ instrumentation.serverId() + ", " + options.mode().name().toLowerCase() + " mode"
				+ (options.readonly() ? ", read-only" : "") + ", auth " + options.auth() + ")");
		return new SocketIoAdminUi(instrumentation, options);
	}

	/**
	 * Return the admin namespace.
	 * @return the namespace
	 */
	public Namespace namespace() {
		return this.instrumentation.namespace();
	}

	/**
	 * Return the options.
	 * @return the options
	 */
	public AdminUiOptions options() {
		return this.options;
	}

	/**
	 * Return the id this node shows in the UI.
	 * @return the server id
	 */
	public String serverId() {
		return this.instrumentation.serverId();
	}

	/**
	 * Stop sending stats. The namespace stays until the server closes.
	 */
	@Override
	public void close() {
		this.instrumentation.dispose();
	}

}
