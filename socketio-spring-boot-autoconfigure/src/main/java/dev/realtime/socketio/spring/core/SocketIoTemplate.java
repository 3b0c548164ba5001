package dev.realtime.socketio.spring.core;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.realtime.socketio.server.BroadcastOperator;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.RemoteSocket;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoSocket;

/**
 * Emits Socket.IO events from anywhere in an application (a REST controller, a scheduled
 * job, a message listener): a thin wrapper over a {@link SocketIoServer} that names the
 * namespace with every call. <pre class="code">
 * template.to("/chat", "room1").emit("announcement", payload);
 * template.emit("/chat", "news", article);
 * template.to("/chat", socketId).emit("private", message);
 * </pre> Every method is safe from any thread, and none blocks: an emit is encoded once
 * and handed to the event loops of the recipients' connections. With a cluster adapter,
 * broadcasts reach the sockets of every node.
 * <p>
 * As with the Node server's {@code io.of(name)}, naming a namespace that does not exist
 * yet creates it.
 *
 * @since 0.1.0
 */
public class SocketIoTemplate {

	private final SocketIoServer server;

	/**
	 * Create a template.
	 * @param server the server to emit through
	 */
	public SocketIoTemplate(SocketIoServer server) {
		this.server = Objects.requireNonNull(server, "server");
	}

	/**
	 * Return the server this template emits through.
	 * @return the server
	 */
	public SocketIoServer getServer() {
		return this.server;
	}

	/**
	 * Return a namespace, to target all of its sockets or to refine the selection
	 * ({@code except}, {@code asVolatile}, {@code timeout}, ...).
	 * @param namespace the namespace name, such as {@code /chat}
	 * @return the namespace
	 */
	public Namespace namespace(String namespace) {
		return this.server.of(namespace);
	}

	/**
	 * Target the sockets of a namespace that are in any of the given rooms. A socket id
	 * is a room too, so this also reaches single sockets, on any node of a cluster.
	 * @param namespace the namespace name
	 * @param rooms the rooms or socket ids
	 * @return an operator to emit with
	 */
	public BroadcastOperator to(String namespace, String... rooms) {
		return namespace(namespace).to(rooms);
	}

	/**
	 * Target the sockets of a namespace that are in any of the given rooms.
	 * @param namespace the namespace name
	 * @param rooms the rooms or socket ids
	 * @return an operator to emit with
	 */
	public BroadcastOperator to(String namespace, List<String> rooms) {
		return namespace(namespace).to(rooms);
	}

	/**
	 * Emit an event to every socket of a namespace.
	 * @param namespace the namespace name
	 * @param event the event name
	 * @param args the arguments, converted to JSON by the server's JSON mapper
	 * ({@code byte[]} and {@code ByteBuffer} become binary attachments)
	 */
	public void emit(String namespace, String event, Object... args) {
		namespace(namespace).emit(event, args);
	}

	/**
	 * Emit an event to the sockets of a namespace that are in a room.
	 * @param namespace the namespace name
	 * @param room the room or socket id
	 * @param event the event name
	 * @param args the arguments
	 */
	public void emitToRoom(String namespace, String room, String event, Object... args) {
		namespace(namespace).to(room).emit(event, args);
	}

	/**
	 * Return a socket connected to this node, to emit to it with an acknowledgement, make
	 * it join rooms or disconnect it. To reach a socket that may be connected to another
	 * node, use {@code to(namespace, socketId)}.
	 * @param namespace the namespace name
	 * @param id the socket id
	 * @return the socket, or {@code null} when no such socket is connected to this node
	 */
	public @Nullable SocketIoSocket socket(String namespace, String id) {
		return namespace(namespace).socket(id);
	}

	/**
	 * Return the sockets of a namespace that are in any of the given rooms (every socket
	 * of the namespace when no room is given), on every node of a cluster.
	 * @param namespace the namespace name
	 * @param rooms the rooms
	 * @return the sockets
	 */
	public Mono<List<RemoteSocket>> fetchSockets(String namespace, String... rooms) {
		Namespace target = namespace(namespace);
		return (rooms.length != 0) ? target.to(rooms).fetchSockets() : target.fetchSockets();
	}

}
