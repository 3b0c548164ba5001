package dev.realtime.socketio.conformance;

import dev.realtime.socketio.spring.annotation.SocketIoNamespace;

/**
 * The three namespaces of the {@code /socket.io/} endpoint, each with the same handlers.
 */
final class Namespaces {

	private Namespaces() {
	}

	@SocketIoNamespace("/")
	static class Main extends ConformanceHandlers {

	}

	@SocketIoNamespace("/custom")
	static class Custom extends ConformanceHandlers {

	}

	@SocketIoNamespace("/restricted")
	static class Restricted extends ConformanceHandlers {

	}

}
