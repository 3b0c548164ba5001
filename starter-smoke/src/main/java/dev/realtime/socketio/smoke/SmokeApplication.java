package dev.realtime.socketio.smoke;

import java.util.Map;

import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.annotation.OnConnect;
import dev.realtime.socketio.spring.annotation.OnEvent;
import dev.realtime.socketio.spring.annotation.SocketIoNamespace;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The smallest application a user writes on the starter, built against each supported
 * Spring Boot line (the {@code boot-4.0} and {@code boot-4.1} modules build these same
 * sources under that line's parent, with nothing but the starter as a dependency).
 */
@SpringBootApplication
public class SmokeApplication {

	public static void main(String[] args) {
		SpringApplication.run(SmokeApplication.class, args);
	}

	@SocketIoNamespace("/")
	static class EchoHandler {

		@OnConnect
		void connected(SocketIoSocket socket) {
			socket.emit("welcome", Map.of("id", socket.id()));
		}

		@OnEvent("echo")
		String echo(String text) {
			return text;
		}

	}

}
