package dev.realtime.socketio.server;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A namespace: a communication channel that multiplexes on one connection, with its own
 * sockets, rooms, middlewares and listeners. Broadcast methods target every socket of the
 * namespace.
 *
 * @since 0.1.0
 */
public interface Namespace extends BroadcastOperator {

	/**
	 * Return the namespace name, such as {@code /} or {@code /chat}.
	 * @return the name
	 */
	String name();

	/**
	 * Return the server.
	 * @return the server
	 */
	SocketIoServer server();

	/**
	 * Return the sockets connected to this namespace on this node.
	 * @return the sockets by id
	 */
	Map<String, SocketIoSocket> sockets();

	/**
	 * Return a socket of this node by id.
	 * @param id the socket id
	 * @return the socket, or {@code null}
	 */
	@Nullable SocketIoSocket socket(String id);

	/**
	 * Listen for new sockets. Runs in the connection's context, after the CONNECT
	 * acknowledgement was queued.
	 * @param listener the listener
	 */
	void onConnection(Consumer<SocketIoSocket> listener);

	/**
	 * Listen for an event on every socket of this namespace, present and future. Unlike a
	 * listener added to each socket with {@link SocketIoSocket#on} on connection, this
	 * one is kept once, by the namespace: an idle socket holds nothing for it. An event
	 * reaches the socket's catch-all listeners first, then these, then the socket's own.
	 * @param event the event name
	 * @param listener the listener
	 */
	void onSocketEvent(String event, SocketEventListener listener);

	/**
	 * Add a connection middleware.
	 * @param middleware the middleware
	 */
	void use(ConnectMiddleware middleware);

	/**
	 * Listen for events sent by other nodes with {@link #serverSideEmit}.
	 * @param event the event name
	 * @param listener the listener
	 */
	void onServerSideEmit(String event, EventListener listener);

	/**
	 * Send an event to the other nodes of the cluster (nothing with the in-memory
	 * adapter).
	 * @param event the event name
	 * @param args the arguments
	 */
	void serverSideEmit(String event, Object... args);

	/**
	 * Send an event to the other nodes of the cluster and collect their answers (the
	 * first argument each node's listener acknowledged with).
	 * @param timeout how long to wait for every node
	 * @param event the event name
	 * @param args the arguments
	 * @return the answers; an error naming how many nodes answered on timeout
	 */
	Mono<List<JsonNode>> serverSideEmitWithAck(Duration timeout, String event, Object... args);

	/**
	 * Return the room names and their local members, for diagnostics.
	 * @return the rooms
	 */
	Map<String, Collection<String>> rooms();

}
