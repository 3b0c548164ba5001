package dev.realtime.socketio.server.adapter;

import tools.jackson.databind.JsonNode;

/**
 * Collects the acknowledgements of a broadcast, possibly from several nodes.
 *
 * @since 0.1.0
 */
public interface BroadcastAckHandler {

	/**
	 * Called once per node with the number of sockets the packet was sent to there, once
	 * it was written to all of them; some acknowledgements may come before it.
	 * @param clientCount the number of recipients
	 */
	void clientCount(int clientCount);

	/**
	 * Called for each acknowledgement, with its first argument.
	 * @param response the answer
	 */
	void ack(JsonNode response);

}
