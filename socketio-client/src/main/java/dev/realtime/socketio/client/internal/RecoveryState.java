package dev.realtime.socketio.client.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Connection state recovery as a socket's client side keeps it: the private session id
 * the server handed out and the offset of the last event received, both sent with the
 * CONNECT of a reconnection so the server can restore the session and replay what was
 * missed. Used on the client's executor only.
 */
final class RecoveryState {

	private @Nullable String pid;

	private @Nullable String sentPid;

	private @Nullable String lastOffset;

	/** Adds the session id and offset to a CONNECT payload, if there is a session. */
	void addTo(ObjectNode connectPayload) {
		if (this.pid != null) {
			connectPayload.put("pid", this.pid);
			if (this.lastOffset != null) {
				connectPayload.put("offset", this.lastOffset);
			}
		}
		this.sentPid = this.pid;
	}

	/**
	 * The server's CONNECT answer arrived.
	 * @return whether it restored the session the last CONNECT asked for
	 */
	boolean connected(@Nullable JsonNode data) {
		String newPid = (data != null && data.path("pid").isString()) ? data.path("pid").stringValue() : null;
		boolean recovered = this.sentPid != null && this.sentPid.equals(newPid);
		this.pid = newPid;
		if (!recovered) {
			this.lastOffset = null;
		}
		return recovered;
	}

	/**
	 * An event arrived: a server that may replay it appended its offset as the last
	 * argument (events that expect an ack are never replayed, so carry none).
	 */
	void eventReceived(boolean expectsAck, List<JsonNode> args) {
		if (this.pid != null && !expectsAck && !args.isEmpty() && args.get(args.size() - 1).isString()) {
			this.lastOffset = args.get(args.size() - 1).stringValue();
		}
	}

}
