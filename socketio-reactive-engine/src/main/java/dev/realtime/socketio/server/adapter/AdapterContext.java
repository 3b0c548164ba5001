package dev.realtime.socketio.server.adapter;

import java.util.Collection;

import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.server.AckSender;
import dev.realtime.socketio.server.ConnectionStateRecoveryOptions;
import dev.realtime.socketio.server.SocketIoSocket;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * What a namespace offers its adapter: delivery to local sockets, and lookups.
 *
 * @since 0.1.0
 */
public interface AdapterContext {

	/**
	 * Return the namespace name.
	 * @return the name
	 */
	String namespace();

	/**
	 * Return the JSON mapper of the server.
	 * @return the mapper
	 */
	JsonMapper jsonMapper();

	/**
	 * Send a packet to local sockets. It is encoded once for all of them.
	 * @param socketIds the recipients
	 * @param packet the packet
	 * @param options the flags (volatile, compress)
	 */
	void deliver(Collection<String> socketIds, SocketIoPacket packet, BroadcastOptions options);

	/**
	 * Send a packet that carries an ack id to local sockets, routing their answers to the
	 * handler.
	 * @param socketIds the recipients
	 * @param packet the packet, with an ack id
	 * @param options the flags
	 * @param handler receives the answers
	 */
	void deliverWithAck(Collection<String> socketIds, SocketIoPacket packet, BroadcastOptions options,
			BroadcastAckHandler handler);

	/**
	 * Return a local socket.
	 * @param id the socket id
	 * @return the socket, or {@code null}
	 */
	@Nullable SocketIoSocket socket(String id);

	/**
	 * Hand an event emitted by another node with {@code serverSideEmit} to the listeners.
	 * @param data the event name followed by the arguments
	 */
	void onServerSideEmit(ArrayNode data);

	/**
	 * Hand an event emitted by another node with {@code serverSideEmit} to the listeners,
	 * when that node awaits an acknowledgement: a listener answers through {@code ack}.
	 * The default ignores the acknowledgement.
	 * @param data the event name followed by the arguments
	 * @param ack sends the answer back to the emitting node
	 */
	default void onServerSideEmit(ArrayNode data, AckSender ack) {
		onServerSideEmit(data);
	}

	/**
	 * Return the next ack id of the namespace.
	 * @return the id
	 */
	long nextAckId();

	/**
	 * Return the connection state recovery settings of the server, or {@code null} when
	 * recovery is off.
	 * @return the recovery settings, or {@code null}
	 */
	default @Nullable ConnectionStateRecoveryOptions connectionStateRecovery() {
		return null;
	}

	/**
	 * Tell the namespace that a local socket joined a room it was not in. Adapters call
	 * it when a socket's membership changes, not on a repeated join; it must be cheap,
	 * since it runs on every join. The default does nothing.
	 * @param room the room
	 * @param socketId the socket id
	 * @since 0.1.0
	 */
	default void roomJoined(String room, String socketId) {
	}

	/**
	 * Tell the namespace that a local socket left a room it was in, on its own or because
	 * it disconnected. The default does nothing.
	 * @param room the room
	 * @param socketId the socket id
	 * @since 0.1.0
	 */
	default void roomLeft(String room, String socketId) {
	}

}
