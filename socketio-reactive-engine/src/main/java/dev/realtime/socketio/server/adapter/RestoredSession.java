package dev.realtime.socketio.server.adapter;

import java.util.List;
import java.util.Objects;

import tools.jackson.databind.node.ArrayNode;

/**
 * A session found again for a returning client, with the packets it missed.
 *
 * @param session the session as it was persisted
 * @param missedPackets the data of every event sent after the client's offset to a room
 * of the session (and not to a room it was excluded by), in order, each ending with its
 * offset
 * @since 0.1.0
 */
public record RestoredSession(SocketIoSession session, List<ArrayNode> missedPackets) {

	/**
	 * Check and copy the values.
	 */
	public RestoredSession {
		Objects.requireNonNull(session, "session");
		missedPackets = List.copyOf(missedPackets);
	}

}
