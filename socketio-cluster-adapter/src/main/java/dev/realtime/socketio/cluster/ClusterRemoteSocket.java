package dev.realtime.socketio.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.realtime.socketio.server.Handshake;
import dev.realtime.socketio.server.RemoteSocket;

/**
 * A socket of another node, as that node described it in its answer to a fetch request.
 *
 * @param id the socket id
 * @param handshake the handshake
 * @param rooms the rooms the socket is in
 * @param data the socket's application data
 */
record ClusterRemoteSocket(String id, Handshake handshake, Set<String> rooms,
		Map<String, Object> data) implements RemoteSocket {

	ClusterRemoteSocket {
		rooms = Set.copyOf(rooms);
		data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
	}

}
