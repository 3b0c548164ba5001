package dev.realtime.socketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.realtime.socketio.engine.EngineIoServer;
import dev.realtime.socketio.protocol.SocketIoParser;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Socket.IO v5 server on an {@link EngineIoServer}. Broadcast methods act on the main
 * namespace {@code /}. <pre class="code">
 * SocketIoServer io = SocketIoServer.create(SocketIoServerOptions.defaults());
 * io.of("/chat").onConnection((socket) -&gt; socket.on("message", (args, ack) -&gt; ...));
 * HttpServer.create().route(SocketIoRoutes.of(io)).bindNow();
 * </pre>
 *
 * @since 0.1.0
 */
public final class SocketIoServer implements BroadcastOperator {

	private static final Logger logger = Loggers.getLogger(SocketIoServer.class);

	private final SocketIoServerOptions options;

	private final EngineIoServer engine;

	private final SocketIoParser parser;

	private final Map<String, DefaultNamespace> namespaces = new ConcurrentHashMap<>();

	private final List<DefaultParentNamespace> parents = new CopyOnWriteArrayList<>();

	private final List<ConnectMiddleware> middlewares = new CopyOnWriteArrayList<>();

	private final ServerListeners listeners = new ServerListeners();

	private SocketIoServer(SocketIoServerOptions options) {
		this.options = options;
		this.engine = EngineIoServer.create(options.engine());
		this.parser = options.parser().create(options.jsonMapper(), options.parserLimits());
		this.engine.onConnection((conn) -> new SocketIoClient(this, conn));
		of("/");
	}

	/**
	 * Create a server.
	 * @param options the settings
	 * @return the server
	 */
	public static SocketIoServer create(SocketIoServerOptions options) {
		return new SocketIoServer(Objects.requireNonNull(options, "options"));
	}

	/**
	 * Return the settings.
	 * @return the options
	 */
	public SocketIoServerOptions options() {
		return this.options;
	}

	/**
	 * Return the Engine.IO server underneath, to mount it on routes.
	 * @return the engine
	 */
	public EngineIoServer engine() {
		return this.engine;
	}

	/**
	 * Return a namespace, creating it if needed.
	 * @param name the name, starting with {@code /}
	 * @return the namespace
	 */
	public Namespace of(String name) {
		String normalized = name.startsWith("/") ? name : "/" + name;
		return this.namespaces.computeIfAbsent(normalized, (n) -> new DefaultNamespace(n, this, null));
	}

	/**
	 * Create a dynamic namespace for every name the pattern matches entirely.
	 * @param pattern the pattern, such as {@code ^/dynamic-\d+$}
	 * @return the parent namespace
	 */
	public ParentNamespace of(Pattern pattern) {
		return of((name, auth) -> pattern.matcher(name).matches());
	}

	/**
	 * Create a dynamic namespace for every name the predicate accepts.
	 * @param predicate the predicate
	 * @return the parent namespace
	 */
	public ParentNamespace of(NamespacePredicate predicate) {
		DefaultParentNamespace parent = new DefaultParentNamespace(this, predicate);
		this.parents.add(parent);
		return parent;
	}

	/**
	 * Return the main namespace {@code /}.
	 * @return the main namespace
	 */
	public Namespace sockets() {
		return of("/");
	}

	/**
	 * Return the namespaces that exist now (static ones and created children).
	 * @return the namespaces
	 */
	public Collection<Namespace> namespaces() {
		return new ArrayList<>(this.namespaces.values());
	}

	/**
	 * Add a connection middleware that runs for every namespace, before the namespace's
	 * own.
	 * @param middleware the middleware
	 */
	public void use(ConnectMiddleware middleware) {
		this.middlewares.add(Objects.requireNonNull(middleware, "middleware"));
	}

	/**
	 * Listen for sockets of the main namespace.
	 * @param listener the listener
	 */
	public void onConnection(Consumer<SocketIoSocket> listener) {
		sockets().onConnection(listener);
	}

	/**
	 * Add a listener for metrics.
	 * @param listener the listener
	 */
	public void addListener(SocketIoServerListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * Return a listener that forwards each callback to the listeners added with
	 * {@link #addListener}. Code that dispatches events on top of this server, such as an
	 * annotation model, reports through it what the server cannot see itself, like a
	 * {@link SocketIoServerListener#handlerFailed failed handler}.
	 * @return the listener of all listeners
	 * @since 0.1.0
	 */
	public SocketIoServerListener listeners() {
		return this.listeners;
	}

	/**
	 * Disconnect every socket with the reason {@code server shutting down}, then close
	 * every Engine.IO session. Clients reconnect (to another node, in a cluster).
	 * @return completion once every session is closed
	 */
	public Mono<Void> close() {
		Set<SocketIoClient> clients = new LinkedHashSet<>();
		for (DefaultNamespace namespace : this.namespaces.values()) {
			clients.addAll(namespace.clients());
		}
		List<Mono<Void>> closes = new ArrayList<>(clients.size());
		for (SocketIoClient client : clients) {
			closes.add(Mono.create((sink) -> client.execute(() -> {
				client.closeForShutdown();
				sink.success();
			})));
		}
		List<Mono<Void>> flushes = new ArrayList<>();
		for (DefaultNamespace namespace : this.namespaces.values()) {
			// Deferred: the sockets persist their sessions while they close.
			flushes.add(Mono.defer(() -> namespace.adapter().flush()).onErrorResume((ex) -> {
				logger.warn("The adapter of " + namespace.name() + " could not store its sessions", ex);
				return Mono.empty();
			}));
		}
		return Mono.when(closes).then(Mono.when(flushes)).then(this.engine.shutdown()).doFinally((signal) -> {
			for (DefaultNamespace namespace : this.namespaces.values()) {
				namespace.adapter().close();
			}
		});
	}

	// Internals shared with the package

	ServerListeners metrics() {
		return this.listeners;
	}

	SocketIoParser parser() {
		return this.parser;
	}

	List<ConnectMiddleware> middlewares() {
		return this.middlewares;
	}

	@Nullable DefaultNamespace namespaceFor(String name, ObjectNode auth) {
		DefaultNamespace namespace = this.namespaces.get(name);
		if (namespace != null) {
			return namespace;
		}
		for (DefaultParentNamespace parent : this.parents) {
			if (parent.matches(name, auth)) {
				return this.namespaces.computeIfAbsent(name, parent::createChild);
			}
		}
		return null;
	}

	void removeNamespace(DefaultNamespace namespace) {
		this.namespaces.remove(namespace.name(), namespace);
	}

	// Broadcasting to the main namespace

	@Override
	public BroadcastOperator to(String... rooms) {
		return sockets().to(rooms);
	}

	@Override
	public BroadcastOperator to(Collection<String> rooms) {
		return sockets().to(rooms);
	}

	@Override
	public BroadcastOperator except(String... rooms) {
		return sockets().except(rooms);
	}

	@Override
	public BroadcastOperator asVolatile() {
		return sockets().asVolatile();
	}

	@Override
	public BroadcastOperator compress(boolean compress) {
		return sockets().compress(compress);
	}

	@Override
	public BroadcastOperator local() {
		return sockets().local();
	}

	@Override
	public BroadcastOperator timeout(Duration timeout) {
		return sockets().timeout(timeout);
	}

	@Override
	public void emit(String event, Object... args) {
		sockets().emit(event, args);
	}

	@Override
	public Mono<List<JsonNode>> emitWithAck(String event, Object... args) {
		return sockets().emitWithAck(event, args);
	}

	@Override
	public Mono<List<RemoteSocket>> fetchSockets() {
		return sockets().fetchSockets();
	}

	@Override
	public void socketsJoin(String... rooms) {
		sockets().socketsJoin(rooms);
	}

	@Override
	public void socketsLeave(String... rooms) {
		sockets().socketsLeave(rooms);
	}

	@Override
	public void disconnectSockets(boolean close) {
		sockets().disconnectSockets(close);
	}

}
