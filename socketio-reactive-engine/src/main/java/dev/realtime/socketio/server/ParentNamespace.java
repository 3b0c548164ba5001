package dev.realtime.socketio.server;

import java.util.Collection;
import java.util.function.Consumer;

/**
 * A dynamic namespace: a regular expression or a predicate that creates child namespaces
 * on demand, when a client connects to a name that matches. Its middlewares and
 * connection listeners apply to every child.
 *
 * @since 0.1.0
 */
public interface ParentNamespace {

	/**
	 * Listen for new sockets in any child namespace.
	 * @param listener the listener
	 */
	void onConnection(Consumer<SocketIoSocket> listener);

	/**
	 * Listen for an event on every socket of every child namespace, present and future,
	 * with one listener kept by this namespace (see {@link Namespace#onSocketEvent}).
	 * @param event the event name
	 * @param listener the listener
	 */
	void onSocketEvent(String event, SocketEventListener listener);

	/**
	 * Add a connection middleware run for every child namespace.
	 * @param middleware the middleware
	 */
	void use(ConnectMiddleware middleware);

	/**
	 * Listen for the creation of child namespaces.
	 * @param listener the listener
	 */
	void onNewNamespace(Consumer<Namespace> listener);

	/**
	 * Return the child namespaces created so far.
	 * @return the children
	 */
	Collection<Namespace> children();

	/**
	 * Emit an event to every socket of every child namespace.
	 * @param event the event name
	 * @param args the arguments
	 */
	void emit(String event, Object... args);

}
