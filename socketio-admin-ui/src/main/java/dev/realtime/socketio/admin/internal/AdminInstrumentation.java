package dev.realtime.socketio.admin.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.realtime.socketio.admin.AdminUiMode;
import dev.realtime.socketio.admin.AdminUiOptions;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoSocket;

/**
 * Wires the admin namespace on a server: authentication, the {@code config} and
 * {@code all_sockets} a new admin gets, its commands, the periodic {@code server_stats},
 * the engine counters and, in development mode, the per-socket listener.
 */
public final class AdminInstrumentation implements Disposable {

	private static final Logger logger = Loggers.getLogger(AdminInstrumentation.class);

	/** The features of the UI, as {@code config.supportedFeatures} names them. */
	enum Feature {

		EMIT, JOIN, LEAVE, DISCONNECT, MJOIN, MLEAVE, MDISCONNECT, AGGREGATED_EVENTS, ALL_EVENTS

	}

	private final SocketIoServer server;

	private final AdminUiOptions options;

	private final Namespace admin;

	private final SocketSerializer serializer;

	private final Set<Feature> features;

	private final ServerStats stats;

	private final Disposable ticker;

	private AdminInstrumentation(SocketIoServer server, AdminUiOptions options) {
		this.server = server;
		this.options = options;
		this.admin = server.of(options.namespace());
		this.serializer = new SocketSerializer(server.options().jsonMapper());
		this.features = features(options);
		EventBuffer events = new EventBuffer();
		this.stats = new ServerStats(server, events, options.serverId());
		if (options.auth().enabled()) {
			this.admin.use(new AdminAuthentication(options.auth(), options.sessionStore()));
		}
		AdminCommands commands = new AdminCommands(server);
		this.admin.onConnection((socket) -> onAdminConnected(socket, commands));
		server.engine().addListener(new EngineCounters(events));
		if (options.mode() == AdminUiMode.DEVELOPMENT) {
			VerboseListener verbose = new VerboseListener(this.admin, this.serializer);
			server.addListener(verbose);
			server.engine().addListener(verbose);
		}
		emitStats();
		this.ticker = Flux.interval(options.statsInterval(), options.statsInterval(), Schedulers.parallel())
			.subscribe((tick) -> emitStats());
	}

	/**
	 * Instrument a server.
	 * @param server the server
	 * @param options the options
	 * @return the instrumentation, to stop its stats
	 */
	public static AdminInstrumentation start(SocketIoServer server, AdminUiOptions options) {
		return new AdminInstrumentation(server, options);
	}

	/**
	 * Return the admin namespace.
	 * @return the namespace
	 */
	public Namespace namespace() {
		return this.admin;
	}

	/**
	 * Return the id this node shows in the UI.
	 * @return the server id
	 */
	public String serverId() {
		return this.stats.serverId();
	}

	private static Set<Feature> features(AdminUiOptions options) {
		Set<Feature> features = EnumSet.noneOf(Feature.class);
		if (!options.readonly()) {
			features.addAll(EnumSet.range(Feature.EMIT, Feature.MDISCONNECT));
		}
		features.add(Feature.AGGREGATED_EVENTS);
		if (options.mode() == AdminUiMode.DEVELOPMENT) {
			features.add(Feature.ALL_EVENTS);
		}
		return features;
	}

	private void onAdminConnected(SocketIoSocket socket, AdminCommands commands) {
		Object session = socket.attributes().remove(AdminAuthentication.NEW_SESSION);
		if (session != null) {
			socket.emit("session", session.toString());
		}
		if (!this.options.readonly()) {
			commands.register(socket);
		}
		ObjectNode config = JsonNodeFactory.instance.objectNode();
		ArrayNode supported = config.putArray("supportedFeatures");
		this.features.forEach((feature) -> supported.add(feature.name()));
		socket.emit("config", config);
		if (this.options.mode() == AdminUiMode.DEVELOPMENT) {
			allSockets().subscribe((sockets) -> socket.emit("all_sockets", sockets),
					(ex) -> logger.warn("Could not list the sockets for admin " + socket.id(), ex));
		}
	}

	/**
	 * Every socket of every namespace of this node, on every node the adapter reaches.
	 */
	private Mono<ArrayNode> allSockets() {
		List<Mono<List<ObjectNode>>> perNamespace = new ArrayList<>();
		for (Namespace namespace : this.server.namespaces()) {
			String name = namespace.name();
			perNamespace.add(namespace.fetchSockets()
				.map((sockets) -> sockets.stream().map((socket) -> this.serializer.serialize(socket, name)).toList()));
		}
		return Flux.mergeSequential(Flux.fromIterable(perNamespace)).collectList().map((lists) -> {
			ArrayNode all = JsonNodeFactory.instance.arrayNode();
			lists.forEach(all::addAll);
			return all;
		});
	}

	private void emitStats() {
		try {
			this.admin.emit("server_stats", this.stats.next());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not send the admin server stats", ex);
		}
	}

	@Override
	public void dispose() {
		this.ticker.dispose();
	}

	@Override
	public boolean isDisposed() {
		return this.ticker.isDisposed();
	}

}
