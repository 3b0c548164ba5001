package dev.realtime.socketio.redis;

import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The messages of the Node {@code socket.io-adapter} 2.5 {@code ClusterAdapter}, which
 * the Redis Streams and Postgres adapters of Node build on: {@code {uid, nsp, type,
 * data}}, the types numbered as there. (The classic Redis adapter predates it and numbers
 * its requests differently, see {@link Messages}.)
 */
final class ClusterMessages {

	static final int INITIAL_HEARTBEAT = 1;

	static final int HEARTBEAT = 2;

	static final int BROADCAST = 3;

	static final int SOCKETS_JOIN = 4;

	static final int SOCKETS_LEAVE = 5;

	static final int DISCONNECT_SOCKETS = 6;

	static final int FETCH_SOCKETS = 7;

	static final int FETCH_SOCKETS_RESPONSE = 8;

	static final int SERVER_SIDE_EMIT = 9;

	static final int SERVER_SIDE_EMIT_RESPONSE = 10;

	static final int BROADCAST_CLIENT_COUNT = 11;

	static final int BROADCAST_ACK = 12;

	static final int ADAPTER_CLOSE = 13;

	/** The uid of the Node emitters: not a server, never counted as one. */
	static final String EMITTER_UID = "emitter";

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private ClusterMessages() {
	}

	/** A random id like Node's {@code randomBytes(8).toString("hex")}. */
	static String randomId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		char[] id = new char[16];
		for (int i = 0; i < id.length; i++) {
			id[i] = HEX[random.nextInt(16)];
		}
		return new String(id);
	}

	static ObjectNode message(String uid, String namespace, int type, JsonNode data) {
		ObjectNode message = NODES.objectNode();
		message.put("uid", uid);
		message.put("nsp", namespace);
		message.put("type", type);
		if (!data.isMissingNode()) {
			message.set("data", data);
		}
		return message;
	}

	/**
	 * Whether a message goes over pub/sub rather than the durable log: what waits for
	 * answers (a broadcast with acks, a server-side emit, a fetch) is worthless once
	 * replayed, as in the Node streams adapter.
	 */
	static boolean isEphemeral(JsonNode message) {
		int type = message.path("type").asInt(-1);
		return (type == BROADCAST && message.path("data").has("requestId")) || type == SERVER_SIDE_EMIT
				|| type == FETCH_SOCKETS;
	}

	/** Whether a message is an answer to a request, routed to the requester. */
	static boolean isResponse(int type) {
		return type == FETCH_SOCKETS_RESPONSE || type == SERVER_SIDE_EMIT_RESPONSE || type == BROADCAST_CLIENT_COUNT
				|| type == BROADCAST_ACK;
	}

	/** Whether a tree holds binary anywhere (then JSON cannot carry it). */
	static boolean hasBinary(JsonNode node) {
		if (node.isBinary()) {
			return true;
		}
		if (node.isContainer()) {
			for (JsonNode child : node) {
				if (hasBinary(child)) {
					return true;
				}
			}
		}
		return false;
	}

}
