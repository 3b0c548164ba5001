package dev.realtime.socketio.internal;

import dev.realtime.socketio.engine.EngineIoSocket;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.server.adapter.SocketIoAdapter;

/**
 * What the project's own modules (auto-configuration, adapters, tests) reach behind the
 * server API: a namespace's adapter and a socket's Engine.IO session. Not API: may change
 * without notice; applications use {@link Namespace} and {@link SocketIoSocket}.
 */
public final class ServerInternals {

	private ServerInternals() {
	}

	/**
	 * Return the adapter that holds the rooms of a namespace.
	 * @param namespace a namespace of a {@code SocketIoServer}
	 * @return the adapter
	 * @throws IllegalArgumentException for a namespace the server did not create
	 */
	public static SocketIoAdapter adapter(Namespace namespace) {
		if (namespace instanceof AdapterOwner owner) {
			return owner.adapter();
		}
		throw new IllegalArgumentException("Not a namespace of a SocketIoServer: " + namespace);
	}

	/**
	 * Return the Engine.IO session a socket runs on, to run tasks in its context.
	 * @param socket a socket of a {@code SocketIoServer}
	 * @return the session
	 * @throws IllegalArgumentException for a socket the server did not create
	 */
	public static EngineIoSocket engineSocket(SocketIoSocket socket) {
		if (socket instanceof EngineSocketOwner owner) {
			return owner.engineSocket();
		}
		throw new IllegalArgumentException("Not a socket of a SocketIoServer: " + socket);
	}

	/**
	 * Implemented by the server's namespaces.
	 */
	public interface AdapterOwner {

		/**
		 * Return the namespace's adapter.
		 * @return the adapter
		 */
		SocketIoAdapter adapter();

	}

	/**
	 * Implemented by the server's sockets.
	 */
	public interface EngineSocketOwner {

		/**
		 * Return the socket's Engine.IO session.
		 * @return the session
		 */
		EngineIoSocket engineSocket();

	}

}
