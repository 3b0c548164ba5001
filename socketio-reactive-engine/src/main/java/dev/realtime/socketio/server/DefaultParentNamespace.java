package dev.realtime.socketio.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.node.ObjectNode;

/**
 * A dynamic namespace and its children.
 */
final class DefaultParentNamespace implements ParentNamespace {

	private static final Logger logger = Loggers.getLogger(DefaultParentNamespace.class);

	private final SocketIoServer server;

	private final NamespacePredicate predicate;

	private final Map<String, DefaultNamespace> children = new ConcurrentHashMap<>();

	private final List<ConnectMiddleware> middlewares = new CopyOnWriteArrayList<>();

	private final List<Consumer<SocketIoSocket>> connectionListeners = new CopyOnWriteArrayList<>();

	private final List<Consumer<Namespace>> newNamespaceListeners = new CopyOnWriteArrayList<>();

	private final SocketEventListeners socketEventListeners = new SocketEventListeners();

	DefaultParentNamespace(SocketIoServer server, NamespacePredicate predicate) {
		this.server = server;
		this.predicate = predicate;
	}

	boolean matches(String name, ObjectNode auth) {
		return this.predicate.matches(name, auth);
	}

	DefaultNamespace createChild(String name) {
		DefaultNamespace child = new DefaultNamespace(name, this.server, this);
		this.children.put(name, child);
		for (Consumer<Namespace> listener : this.newNamespaceListeners) {
			listener.accept(child);
		}
		return child;
	}

	void removeChild(DefaultNamespace child) {
		if (this.children.remove(child.name(), child)) {
			this.server.removeNamespace(child);
			child.adapter().close();
		}
	}

	List<ConnectMiddleware> middlewares() {
		return this.middlewares;
	}

	void fireConnection(SocketIoSocket socket) {
		for (Consumer<SocketIoSocket> listener : this.connectionListeners) {
			try {
				listener.accept(socket);
			}
			catch (RuntimeException ex) {
				logger.error("Connection listener of a dynamic namespace failed", ex);
			}
		}
	}

	@Override
	public void onConnection(Consumer<SocketIoSocket> listener) {
		this.connectionListeners.add(listener);
	}

	@Override
	public void onSocketEvent(String event, SocketEventListener listener) {
		this.socketEventListeners.add(event, listener);
	}

	List<SocketEventListener> socketEventListeners(String event) {
		return this.socketEventListeners.get(event);
	}

	@Override
	public void use(ConnectMiddleware middleware) {
		this.middlewares.add(middleware);
	}

	@Override
	public void onNewNamespace(Consumer<Namespace> listener) {
		this.newNamespaceListeners.add(listener);
	}

	@Override
	public Collection<Namespace> children() {
		return new ArrayList<>(this.children.values());
	}

	@Override
	public void emit(String event, Object... args) {
		for (DefaultNamespace child : this.children.values()) {
			child.emit(event, args);
		}
	}

}
