package dev.realtime.socketio.benchmarks.server;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import dev.realtime.socketio.server.AckSender;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.annotation.OnEvent;
import dev.realtime.socketio.spring.annotation.SocketIoNamespace;

/**
 * The events of the bench contract on the main namespace, in the annotation model.
 *
 * @since 0.1.0
 */
@SocketIoNamespace("/")
public class BenchHandlers {

	private final SocketIoServer io;

	public BenchHandlers(SocketIoServer io) {
		this.io = io;
	}

	/**
	 * Emit {@code echo} with the same arguments back to the sender.
	 * @param socket the sender
	 * @param args the arguments, any number, binary included
	 */
	@OnEvent("echo")
	public void echo(SocketIoSocket socket, @EventArguments ArrayNode args) {
		socket.emit("echo", EngineBenchServer.spread(args));
	}

	/**
	 * Call the ack with the same arguments.
	 * @param args the arguments
	 * @param ack the ack of the event
	 */
	@OnEvent("ack")
	public void ack(@EventArguments ArrayNode args, AckSender ack) {
		ack.send(EngineBenchServer.spread(args));
	}

	/**
	 * Join a room; the room is the ack reply, sent after joining when the client asked.
	 * @param socket the sender
	 * @param room the room
	 * @return the room
	 */
	@OnEvent("join")
	public String join(SocketIoSocket socket, String room) {
		socket.join(room);
		return room;
	}

	/**
	 * Emit {@code msg} with the payload to every socket in the room.
	 * @param room the room
	 * @param payload the payload
	 */
	@OnEvent("broadcast")
	public void broadcast(String room, JsonNode payload) {
		this.io.to(room).emit("msg", payload);
	}

}
