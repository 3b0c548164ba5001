package dev.realtime.socketio.server;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A client's connection to one namespace. Every method is safe from any thread; listeners
 * run on an event loop, in the connection's context (one at a time, in arrival order; see
 * {@link dev.realtime.socketio.engine.EngineIoSocket}).
 *
 * @since 0.1.0
 */
public interface SocketIoSocket extends SocketEmitter, RemoteSocket {

	/**
	 * Return the namespace.
	 * @return the namespace
	 */
	Namespace namespace();

	/**
	 * Return the low-level connection this socket runs on, shared with the client's
	 * sockets of other namespaces: its transport, whether it upgraded, its remote
	 * address.
	 * @return a read-only view of the connection
	 */
	SocketIoConnection conn();

	/**
	 * Whether the socket is connected.
	 * @return {@code true} until it disconnects
	 */
	boolean connected();

	/**
	 * Whether the socket was restored by connection state recovery.
	 * @return {@code true} when its state was recovered
	 */
	boolean recovered();

	/**
	 * Return the mutable application data of this socket (thread-safe map).
	 * @return the data
	 */
	@Override
	Map<String, Object> data();

	/**
	 * Return the node-local attributes of this socket (thread-safe map): unlike
	 * {@link #data()}, they never leave this node. They are not kept for connection state
	 * recovery and not part of {@code fetchSockets()} answers from other nodes, so they
	 * suit what must not be serialized, such as an authenticated principal and its
	 * credentials. A recovered socket starts with none.
	 * @return the attributes
	 * @since 0.1.0
	 */
	Map<String, Object> attributes();

	/**
	 * Join rooms.
	 * @param rooms the rooms
	 */
	void join(String... rooms);

	/**
	 * Join rooms.
	 * @param rooms the rooms
	 */
	void join(Collection<String> rooms);

	/**
	 * Leave a room.
	 * @param room the room
	 */
	void leave(String room);

	/**
	 * Return the rooms this socket is in, including its own id.
	 * @return the rooms
	 */
	@Override
	Set<String> rooms();

	/**
	 * Listen to an event.
	 * @param event the event name
	 * @param listener the listener
	 */
	void on(String event, EventListener listener);

	/**
	 * Stop listening to an event.
	 * @param event the event name
	 * @param listener the listener to remove
	 */
	void off(String event, EventListener listener);

	/**
	 * Listen to every incoming event, after listeners added before.
	 * @param listener the listener
	 */
	void onAny(AnyListener listener);

	/**
	 * Listen to every incoming event, before the other catch-all listeners.
	 * @param listener the listener
	 */
	void prependAny(AnyListener listener);

	/**
	 * Remove a catch-all listener.
	 * @param listener the listener
	 */
	void offAny(AnyListener listener);

	/**
	 * Listen to every outgoing event.
	 * @param listener the listener
	 */
	void onAnyOutgoing(AnyListener listener);

	/**
	 * Add a middleware for incoming events.
	 * @param middleware the middleware
	 */
	void use(PacketMiddleware middleware);

	/**
	 * Listen for errors of this socket (such as an event vetoed by a middleware).
	 * @param listener the listener
	 */
	void onError(Consumer<Throwable> listener);

	/**
	 * Listen for the start of the disconnection, while the socket is still in its rooms.
	 * @param listener receives the reason
	 */
	void onDisconnecting(Consumer<DisconnectReason> listener);

	/**
	 * Listen for the disconnection.
	 * @param listener receives the reason ({@link DisconnectReason#wireName()} is Node's
	 * reason string) and a description, or an empty string
	 */
	void onDisconnect(BiConsumer<DisconnectReason, String> listener);

	/**
	 * Return an operator that targets rooms, excluding this socket.
	 * @param rooms the rooms
	 * @return the operator
	 */
	BroadcastOperator to(String... rooms);

	/**
	 * Alias of {@link #to(String...)}.
	 * @param rooms the rooms
	 * @return the operator
	 */
	default BroadcastOperator in(String... rooms) {
		return to(rooms);
	}

	/**
	 * Return an operator that targets the whole namespace except some rooms and this
	 * socket.
	 * @param rooms the rooms to exclude
	 * @return the operator
	 */
	BroadcastOperator except(String... rooms);

	/**
	 * Return an operator that targets every other socket of the namespace.
	 * @return the operator
	 */
	BroadcastOperator broadcast();

	/**
	 * Disconnect from this namespace (the client gets {@code io server disconnect} and
	 * does not reconnect by itself).
	 * @param close whether to close the whole connection (every namespace) too
	 */
	void disconnect(boolean close);

	/**
	 * Disconnect from this namespace, keeping the connection.
	 */
	default void disconnect() {
		disconnect(false);
	}

}
