package dev.realtime.socketio.spring.auth;

import java.security.Principal;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.realtime.socketio.server.RemoteSocket;
import dev.realtime.socketio.server.SocketIoSocket;

/**
 * Where the principal of an authenticated socket is kept: in the socket's node-local
 * {@link SocketIoSocket#attributes() attributes}, under {@link #ATTRIBUTE}, never in its
 * {@link SocketIoSocket#data() data}, which an adapter serializes (connection state
 * recovery, {@code fetchSockets()} answers to other nodes) and which would carry the
 * credentials (a bearer token) with it. A {@link SocketIoConnectAuthorizer} stores it,
 * also again for a socket restored by recovery; handlers and argument resolvers read it
 * with {@link #get(RemoteSocket)}.
 *
 * @since 0.1.0
 */
public final class SocketIoPrincipal {

	/**
	 * Key of the principal in the socket's attributes.
	 */
	public static final String ATTRIBUTE = SocketIoPrincipal.class.getName() + ".PRINCIPAL";

	private SocketIoPrincipal() {
	}

	/**
	 * Return the principal of a socket.
	 * @param socket the socket
	 * @return the principal, or {@code null} when the socket was accepted without one or
	 * is a socket of another node (the principal does not travel)
	 */
	public static @Nullable Principal get(RemoteSocket socket) {
		return (socket instanceof SocketIoSocket local
				&& local.attributes().get(ATTRIBUTE) instanceof Principal principal) ? principal : null;
	}

	/**
	 * Set the principal of a socket, replacing any earlier one.
	 * @param socket the socket
	 * @param principal the principal
	 */
	public static void set(SocketIoSocket socket, Principal principal) {
		socket.attributes().put(ATTRIBUTE, Objects.requireNonNull(principal, "principal"));
	}

}
