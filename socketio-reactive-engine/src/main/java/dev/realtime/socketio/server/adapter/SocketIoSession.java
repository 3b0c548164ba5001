package dev.realtime.socketio.server.adapter;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The state of a socket kept for connection state recovery when its connection drops:
 * what a returning client gets back.
 *
 * @param sid the public socket id
 * @param pid the private session id, the secret a client presents to restore the session
 * @param rooms the rooms the socket was in (its own id included)
 * @param data the socket's application data
 * @since 0.1.0
 */
public record SocketIoSession(String sid, String pid, Set<String> rooms, Map<String, Object> data) {

	/**
	 * Check and copy the values.
	 */
	public SocketIoSession {
		Objects.requireNonNull(sid, "sid");
		Objects.requireNonNull(pid, "pid");
		rooms = Set.copyOf(rooms);
		data = Map.copyOf(data);
	}

}
