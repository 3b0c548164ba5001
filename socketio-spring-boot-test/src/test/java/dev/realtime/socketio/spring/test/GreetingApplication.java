package dev.realtime.socketio.spring.test;

import java.security.Principal;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import dev.realtime.socketio.server.ConnectRejectedException;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.annotation.OnConnect;
import dev.realtime.socketio.spring.annotation.OnEvent;
import dev.realtime.socketio.spring.annotation.SocketIoNamespace;
import dev.realtime.socketio.spring.auth.SocketIoConnectAuthorizer;

/**
 * A small application for the test client's own tests: namespace {@code /greet} lets in
 * sockets with a {@code name} in their auth.
 */
@SpringBootApplication
class GreetingApplication {

	@Bean
	SocketIoConnectAuthorizer nameAuthorizer() {
		return SocketIoConnectAuthorizer.forNamespaces((socket) -> {
			String name = socket.handshake().auth().path("name").asString("");
			if (name.isEmpty()) {
				return Mono.error(new ConnectRejectedException("Who are you?", Map.of("code", "anonymous")));
			}
			Principal principal = () -> name;
			return Mono.just(principal);
		}, "/greet");
	}

	@SocketIoNamespace("/greet")
	static class GreetingHandler {

		@OnConnect
		void connected(SocketIoSocket socket, Principal user) {
			socket.emit("welcome", new Welcome(user.getName(), socket.id()));
		}

		@OnEvent("greet")
		Greeting greet(Principal user, GreetRequest request) {
			return new Greeting("Hello " + request.toWhom() + ", from " + user.getName());
		}

		@OnEvent("join")
		String join(SocketIoSocket socket, String room) {
			socket.join(room);
			return room;
		}

		@OnEvent("shout")
		void shout(SocketIoSocket socket, Principal user, Shout shout) {
			socket.to(shout.roomName())
				.emit("shout", new Shout(shout.roomName(), user.getName() + ": " + shout.text()));
		}

		@OnEvent("photo")
		byte[] photo(byte[] photo) {
			byte[] reversed = new byte[photo.length];
			for (int i = 0; i < photo.length; i++) {
				reversed[i] = photo[photo.length - 1 - i];
			}
			return reversed;
		}

		@OnEvent("kick-me")
		void kick(SocketIoSocket socket) {
			socket.disconnect();
		}

	}

	record Welcome(String userName, String socketId) {
	}

	record GreetRequest(String toWhom) {
	}

	record Greeting(String text) {
	}

	record Shout(String roomName, String text) {
	}

}
