package dev.realtime.socketio.server;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Selects sockets of a namespace (by rooms, minus exclusions) and acts on all of them.
 * Immutable: every modifier returns a new operator. <pre class="code">
 * namespace.to("room1").except("room2").emit("news", article);
 * socket.broadcast().asVolatile().emit("typing", user);
 * </pre>
 *
 * @since 0.1.0
 */
public interface BroadcastOperator {

	/**
	 * Target sockets in the given rooms (or with the given socket ids).
	 * @param rooms rooms or socket ids
	 * @return a new operator
	 */
	BroadcastOperator to(String... rooms);

	/**
	 * Target sockets in the given rooms.
	 * @param rooms rooms or socket ids
	 * @return a new operator
	 */
	BroadcastOperator to(Collection<String> rooms);

	/**
	 * Alias of {@link #to(String...)}.
	 * @param rooms rooms or socket ids
	 * @return a new operator
	 */
	default BroadcastOperator in(String... rooms) {
		return to(rooms);
	}

	/**
	 * Exclude sockets in the given rooms (or with the given ids).
	 * @param rooms rooms or socket ids
	 * @return a new operator
	 */
	BroadcastOperator except(String... rooms);

	/**
	 * Drop the event for a socket whose transport cannot write it right now.
	 * @return a new operator
	 */
	BroadcastOperator asVolatile();

	/**
	 * Set whether the event may be compressed.
	 * @param compress whether to compress
	 * @return a new operator
	 */
	BroadcastOperator compress(boolean compress);

	/**
	 * Reach only sockets connected to this node, with a cluster adapter.
	 * @return a new operator
	 */
	BroadcastOperator local();

	/**
	 * Set how long {@link #emitWithAck} waits for the answers.
	 * @param timeout the timeout
	 * @return a new operator
	 */
	BroadcastOperator timeout(Duration timeout);

	/**
	 * Emit an event to every selected socket. The event is encoded once.
	 * @param event the event name
	 * @param args the arguments, converted to JSON ({@code byte[]} becomes binary)
	 */
	void emit(String event, Object... args);

	/**
	 * Emit an event and collect every recipient's acknowledgement (its first argument).
	 * Requires a {@link #timeout(Duration)}.
	 * @param event the event name
	 * @param args the arguments
	 * @return the answers, or an {@link AckTimeoutException} saying how many did not
	 * answer
	 */
	Mono<List<JsonNode>> emitWithAck(String event, Object... args);

	/**
	 * Return the selected sockets, on every node of the cluster.
	 * @return the sockets
	 */
	Mono<List<RemoteSocket>> fetchSockets();

	/**
	 * Make the selected sockets join rooms.
	 * @param rooms the rooms
	 */
	void socketsJoin(String... rooms);

	/**
	 * Make the selected sockets leave rooms.
	 * @param rooms the rooms
	 */
	void socketsLeave(String... rooms);

	/**
	 * Disconnect the selected sockets.
	 * @param close whether to close the underlying connections too
	 */
	void disconnectSockets(boolean close);

}
