package dev.realtime.socketio.conformance;

import java.time.Duration;
import java.util.List;

import dev.realtime.socketio.server.AckSender;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.RemoteSocket;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.annotation.OnConnect;
import dev.realtime.socketio.spring.annotation.OnEvent;
import dev.realtime.socketio.spring.annotation.Payload;
import dev.realtime.socketio.spring.handler.EventContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The handlers every namespace of the {@code /socket.io/} endpoint installs
 * (docs/protocol.md 3.2). Each returns a {@code Mono}, so it runs on the connection's
 * event loop: emits are queued before the acknowledgement that follows them.
 */
abstract class ConformanceHandlers {

	@OnConnect
	Mono<Void> connected(SocketIoSocket socket) {
		socket.emit("auth", socket.handshake().auth());
		return Mono.empty();
	}

	@OnEvent("message")
	Mono<Void> message(SocketIoSocket socket, EventContext event) {
		socket.emit("message-back", all(event.args()));
		return Mono.empty();
	}

	@OnEvent("message-with-ack")
	Mono<Void> messageWithAck(EventContext event, @Nullable AckSender ack) {
		if (ack != null) {
			ack.send(all(event.args()));
		}
		return Mono.empty();
	}

	@OnEvent("request-server-ack")
	Mono<Void> requestServerAck(SocketIoSocket socket, EventContext event) {
		socket.emitWithCallback("server-ack-request", (error, reply) -> socket.emit("server-ack-result", all(reply)),
				all(event.args()));
		return Mono.empty();
	}

	@OnEvent("request-server-ack-timeout")
	Mono<Void> requestServerAckTimeout(SocketIoSocket socket, @Payload long millis) {
		socket.timeout(Duration.ofMillis(millis))
			.emitWithCallback("server-ack-request",
					(error, reply) -> socket.emit("server-ack-timeout-result", (error != null) ? "timeout" : "acked"),
					"ignore-me");
		return Mono.empty();
	}

	@OnEvent("join")
	Mono<String> join(SocketIoSocket socket, @Payload String room) {
		socket.join(room);
		return Mono.just("joined");
	}

	@OnEvent("leave")
	Mono<String> leave(SocketIoSocket socket, @Payload String room) {
		socket.leave(room);
		return Mono.just("left");
	}

	@OnEvent("to-room")
	Mono<String> toRoom(SocketIoSocket socket, EventContext event) {
		socket.to(room(event)).emit("room-message", rest(event.args()));
		return Mono.just("sent");
	}

	@OnEvent("to-room-all")
	Mono<String> toRoomAll(Namespace namespace, EventContext event) {
		namespace.to(room(event)).emit("room-message", rest(event.args()));
		return Mono.just("sent");
	}

	@OnEvent("broadcast")
	Mono<String> broadcast(SocketIoSocket socket, EventContext event) {
		socket.broadcast().emit("broadcast-message", all(event.args()));
		return Mono.just("sent");
	}

	@OnEvent("volatile-burst")
	Mono<Void> volatileBurst(SocketIoSocket socket, @Payload int count) {
		for (int i = 0; i < count; i++) {
			socket.asVolatile().emit("volatile-message", i);
		}
		socket.emit("volatile-done", count);
		return Mono.empty();
	}

	@OnEvent("server-disconnect")
	Mono<Void> serverDisconnect(SocketIoSocket socket) {
		socket.disconnect();
		return Mono.empty();
	}

	@OnEvent("server-close-transport")
	Mono<Void> serverCloseTransport(SocketIoSocket socket) {
		socket.conn().close();
		return Mono.empty();
	}

	@OnEvent("cluster-sockets")
	Mono<List<String>> clusterSockets(Namespace namespace, @Payload String room) {
		return namespace.in(room)
			.fetchSockets()
			.map((sockets) -> sockets.stream().map(RemoteSocket::id).sorted().toList());
	}

	private static String room(EventContext event) {
		return event.args().get(0).asString();
	}

	static Object[] all(ArrayNode args) {
		Object[] values = new Object[args.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = args.get(i);
		}
		return values;
	}

	private static Object[] rest(ArrayNode args) {
		Object[] values = new Object[Math.max(0, args.size() - 1)];
		for (int i = 1; i < args.size(); i++) {
			JsonNode value = args.get(i);
			values[i - 1] = value;
		}
		return values;
	}

}
