package dev.realtime.socketio.testsupport;

import dev.realtime.socketio.server.SocketIoSocket;
import tools.jackson.databind.JsonNode;

/**
 * The event listeners that many server tests register the same way, and the argument
 * helper they use: one copy instead of one per test class.
 *
 * @since 0.1.0
 */
public final class TestHandlers {

	private TestHandlers() {
	}

	/**
	 * The arguments of an event from an index on, to pass on to {@code emit} or an ack.
	 * @param args the event's arguments
	 * @param from the first index to take
	 * @return the arguments from {@code from} on
	 */
	public static JsonNode[] values(JsonNode args, int from) {
		JsonNode[] values = new JsonNode[Math.max(0, args.size() - from)];
		for (int i = 0; i < values.length; i++) {
			values[i] = args.get(from + i);
		}
		return values;
	}

	/**
	 * Acknowledge every {@code event} with the event's own arguments, unchanged.
	 * @param socket the socket
	 * @param event the event name
	 */
	public static void ackEcho(SocketIoSocket socket, String event) {
		socket.on(event, (args, ack) -> {
			if (ack != null) {
				ack.send((Object[]) values(args, 0));
			}
		});
	}

	/**
	 * Join the room named by the first argument of every {@code "join"} event, then
	 * acknowledge it with the given reply.
	 * @param socket the socket
	 * @param reply the arguments of the ack
	 */
	public static void joinOnRequest(SocketIoSocket socket, Object... reply) {
		socket.on("join", (args, ack) -> {
			socket.join(args.get(0).asString());
			if (ack != null) {
				ack.send(reply);
			}
		});
	}

}
