package dev.realtime.socketio.cluster;

import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The messages of the Node {@code socket.io-adapter} 2.5 {@code ClusterAdapter}, which
 * the Redis Streams and Postgres adapters of Node build on: {@code {uid, nsp, type,
 * data}}, the types numbered as there. (The classic Redis adapter predates it and numbers
 * its requests differently.)
 *
 * @since 0.1.0
 */
public final class ClusterMessages {

	/** A node announces itself; the others answer with a heartbeat. */
	public static final int INITIAL_HEARTBEAT = 1;

	/** A node is alive. */
	public static final int HEARTBEAT = 2;

	/** A broadcast, with acks when it has a {@code requestId}. */
	public static final int BROADCAST = 3;

	/** Sockets join rooms. */
	public static final int SOCKETS_JOIN = 4;

	/** Sockets leave rooms. */
	public static final int SOCKETS_LEAVE = 5;

	/** Sockets are disconnected. */
	public static final int DISCONNECT_SOCKETS = 6;

	/** A request for the sockets of the other nodes. */
	public static final int FETCH_SOCKETS = 7;

	/** The sockets of a node. */
	public static final int FETCH_SOCKETS_RESPONSE = 8;

	/** An event for the other servers. */
	public static final int SERVER_SIDE_EMIT = 9;

	/** The answer of a server to an event with an ack. */
	public static final int SERVER_SIDE_EMIT_RESPONSE = 10;

	/** How many clients of a node a broadcast with acks reached. */
	public static final int BROADCAST_CLIENT_COUNT = 11;

	/** The ack of a client to a broadcast. */
	public static final int BROADCAST_ACK = 12;

	/** A node leaves. */
	public static final int ADAPTER_CLOSE = 13;

	/** The uid of the Node emitters: not a server, never counted as one. */
	public static final String EMITTER_UID = "emitter";

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private ClusterMessages() {
	}

	/**
	 * Create a random id like Node's {@code randomBytes(8).toString("hex")}.
	 * @return 16 hex digits
	 */
	public static String randomId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		char[] id = new char[16];
		for (int i = 0; i < id.length; i++) {
			id[i] = HEX[random.nextInt(16)];
		}
		return new String(id);
	}

	/**
	 * Write a message.
	 * @param uid the sender
	 * @param namespace the namespace
	 * @param type the type
	 * @param data the data, left out when missing
	 * @return {@code {uid, nsp, type, data}}
	 */
	public static ObjectNode message(String uid, String namespace, int type, JsonNode data) {
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
	 * @param message the message
	 * @return {@code true} for requests that wait for answers
	 */
	public static boolean isEphemeral(JsonNode message) {
		int type = message.path("type").asInt(-1);
		return (type == BROADCAST && message.path("data").has("requestId")) || type == SERVER_SIDE_EMIT
				|| type == FETCH_SOCKETS;
	}

	/**
	 * Whether a message is an answer to a request, routed to the requester.
	 * @param type the message type
	 * @return {@code true} for answers
	 */
	public static boolean isResponse(int type) {
		return type == FETCH_SOCKETS_RESPONSE || type == SERVER_SIDE_EMIT_RESPONSE || type == BROADCAST_CLIENT_COUNT
				|| type == BROADCAST_ACK;
	}

	/**
	 * Whether a tree holds binary anywhere (then JSON cannot carry it).
	 * @param node the tree
	 * @return {@code true} if it holds binary
	 */
	public static boolean hasBinary(JsonNode node) {
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
