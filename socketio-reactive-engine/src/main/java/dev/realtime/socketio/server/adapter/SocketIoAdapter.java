package dev.realtime.socketio.server.adapter;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.server.RemoteSocket;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Holds the rooms of one namespace and carries everything that crosses sockets:
 * broadcasts, room changes and queries. The in-memory adapter serves one node; a cluster
 * adapter (Redis) also forwards to the other nodes. Implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface SocketIoAdapter {

	/**
	 * Add a socket to rooms.
	 * @param socketId the socket
	 * @param rooms the rooms
	 */
	void addAll(String socketId, Collection<String> rooms);

	/**
	 * Remove a socket from a room.
	 * @param socketId the socket
	 * @param room the room
	 */
	void del(String socketId, String room);

	/**
	 * Remove a socket from every room.
	 * @param socketId the socket
	 */
	void delAll(String socketId);

	/**
	 * Send a packet to the sockets the options select. With connection state recovery on
	 * ({@link AdapterContext#connectionStateRecovery()}), an adapter that supports it
	 * gives every event without ack id and not volatile an offset, appended as its last
	 * argument (the same for every recipient), and keeps the packet for
	 * {@link #restoreSession}.
	 * @param packet the packet
	 * @param options the selection and flags
	 */
	void broadcast(SocketIoPacket packet, BroadcastOptions options);

	/**
	 * Send a packet and collect acknowledgements.
	 * @param packet the packet (with an ack id)
	 * @param options the selection and flags
	 * @param handler receives the recipient counts and the answers
	 */
	void broadcastWithAck(SocketIoPacket packet, BroadcastOptions options, BroadcastAckHandler handler);

	/**
	 * Return the local sockets in any of the rooms (every local socket when empty).
	 * @param rooms the rooms
	 * @return the socket ids
	 */
	Set<String> sockets(Set<String> rooms);

	/**
	 * Return the rooms of a local socket.
	 * @param socketId the socket
	 * @return the rooms, or {@code null} when unknown
	 */
	@Nullable Set<String> socketRooms(String socketId);

	/**
	 * Return the local rooms and their members.
	 * @return the rooms
	 */
	Map<String, Collection<String>> rooms();

	/**
	 * Return the sockets the options select, on every node.
	 * @param options the selection
	 * @return the sockets
	 */
	Mono<List<RemoteSocket>> fetchSockets(BroadcastOptions options);

	/**
	 * Make the selected sockets join rooms, on every node.
	 * @param options the selection
	 * @param rooms the rooms
	 */
	void addSockets(BroadcastOptions options, Collection<String> rooms);

	/**
	 * Make the selected sockets leave rooms, on every node.
	 * @param options the selection
	 * @param rooms the rooms
	 */
	void delSockets(BroadcastOptions options, Collection<String> rooms);

	/**
	 * Disconnect the selected sockets, on every node.
	 * @param options the selection
	 * @param close whether to close their connections
	 */
	void disconnectSockets(BroadcastOptions options, boolean close);

	/**
	 * Send an event to the other nodes.
	 * @param data the event name followed by the arguments
	 */
	void serverSideEmit(ArrayNode data);

	/**
	 * Send an event to the other nodes and collect their answers.
	 * @param data the event name followed by the arguments
	 * @param options carries the timeout
	 * @return the answers of every other node
	 */
	Mono<List<JsonNode>> serverSideEmitWithAck(ArrayNode data, BroadcastOptions options);

	/**
	 * Return the number of nodes, this one included.
	 * @return the number of nodes
	 */
	Mono<Integer> serverCount();

	/**
	 * Keep the state of a socket whose connection dropped, so that the client can restore
	 * it with {@link #restoreSession} within the recovery window. The default keeps
	 * nothing.
	 * @param session the state of the socket
	 */
	default void persistSession(SocketIoSession session) {
	}

	/**
	 * Find a persisted session again and the packets its client missed since its offset.
	 * A session is restored at most once. The default finds nothing.
	 * @param pid the private session id the client presented
	 * @param offset the offset of the last packet the client received
	 * @return the session and its missed packets, or empty when the session is unknown or
	 * expired or the offset is no longer kept (the client then gets a new session)
	 */
	default Mono<RestoredSession> restoreSession(String pid, String offset) {
		return Mono.empty();
	}

	/**
	 * Complete once everything handed to {@link #persistSession} is stored. The server
	 * waits for it when it shuts down, after its sockets disconnected and before
	 * {@link #close}, so that the sessions of a node that stops are there for the other
	 * nodes to restore. The default has nothing to wait for.
	 * @return completion once the sessions are stored (or could not be)
	 */
	default Mono<Void> flush() {
		return Mono.empty();
	}

	/**
	 * Release what the adapter holds.
	 */
	default void close() {
	}

}
