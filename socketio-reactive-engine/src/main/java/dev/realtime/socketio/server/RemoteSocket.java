package dev.realtime.socketio.server;

import java.util.Map;
import java.util.Set;

/**
 * A socket as {@code fetchSockets()} returns it: possibly connected to another node of a
 * cluster, so only its state can be read.
 *
 * @since 0.1.0
 */
public interface RemoteSocket {

	/**
	 * Return the socket id.
	 * @return the id
	 */
	String id();

	/**
	 * Return the handshake.
	 * @return the handshake
	 */
	Handshake handshake();

	/**
	 * Return the rooms the socket is in.
	 * @return the rooms
	 */
	Set<String> rooms();

	/**
	 * Return the socket's application data.
	 * @return the data
	 */
	Map<String, Object> data();

}
