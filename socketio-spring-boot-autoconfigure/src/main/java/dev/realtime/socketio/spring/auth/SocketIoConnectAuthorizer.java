package dev.realtime.socketio.spring.auth;

import java.security.Principal;
import java.util.Objects;
import java.util.Set;

import reactor.core.publisher.Mono;

import dev.realtime.socketio.server.ConnectMiddleware;
import dev.realtime.socketio.server.ConnectRejectedException;
import dev.realtime.socketio.server.SocketIoSocket;

/**
 * Decides whether a socket may join a namespace, from the Socket.IO CONNECT auth payload
 * ({@code socket.handshake().auth()}) and the HTTP handshake. Runs before the socket
 * joins the namespace, once per namespace connection, and again when connection state
 * recovery restores the socket (even with {@code skip-middlewares}): the principal is not
 * restored with the socket's data, so a client whose credentials no longer hold is
 * refused.
 * <p>
 * Every bean of this type is applied to the auto-configured server, in
 * {@link org.springframework.core.Ordered order}, to each namespace it
 * {@link #supportsNamespace(String) supports}: <pre class="code">
 * &#64;Bean
 * SocketIoConnectAuthorizer apiKeyAuthorizer(ApiKeys keys) {
 * 	return (socket) -&gt; keys.find(socket.handshake().auth().path("key").asString())
 * 		.switchIfEmpty(Mono.error(new ConnectRejectedException("not authorized", Map.of("code", 401))));
 * }
 * </pre> The outcome of {@link #authorize(SocketIoSocket)}:
 * <ul>
 * <li>a principal: the socket is accepted, and the principal is stored in the socket's
 * node-local attributes (see {@link SocketIoPrincipal}), where handlers and later
 * authorizers find it; a later authorizer's principal replaces an earlier one;</li>
 * <li>empty: the socket is accepted without a principal (or with the one an earlier
 * authorizer stored);</li>
 * <li>a {@link ConnectRejectedException}: the socket is refused, and the client's
 * {@code connect_error} handler receives the exception's message and data. Any other
 * error refuses it too, with the error's message.</li>
 * </ul>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SocketIoConnectAuthorizer {

	/**
	 * Authorize a socket that is connecting to a namespace.
	 * @param socket the socket, not connected yet (it cannot emit)
	 * @return the principal, empty to accept without one, or an error to refuse
	 */
	Mono<Principal> authorize(SocketIoSocket socket);

	/**
	 * Whether this authorizer applies to a namespace. Namespaces it does not support are
	 * not affected by it.
	 * @param namespace the namespace name, such as {@code /chat} (for a dynamic
	 * namespace, the name of the child)
	 * @return {@code true} (the default) to apply to every namespace
	 */
	default boolean supportsNamespace(String namespace) {
		return true;
	}

	/**
	 * Adapt this authorizer to a connection middleware of the engine, for instance to
	 * apply it to one namespace only:
	 * {@code server.of("/admin").use(authorizer.asMiddleware())}. The middleware stores
	 * the principal with {@link SocketIoPrincipal#set}.
	 * @return the middleware
	 */
	default ConnectMiddleware asMiddleware() {
		SocketIoConnectAuthorizer authorizer = this;
		return new ConnectMiddleware() {

			@Override
			public Mono<Void> handle(SocketIoSocket socket) {
				if (!authorizer.supportsNamespace(socket.namespace().name())) {
					return Mono.empty();
				}
				return authorizer.authorize(socket)
					.doOnNext((principal) -> SocketIoPrincipal.set(socket, principal))
					.then();
			}

			/**
			 * The principal is node-local and recovery does not restore it: a restored
			 * socket is authorized again, from the auth payload of its reconnection.
			 */
			@Override
			public boolean runsOnRecovery() {
				return true;
			}

		};
	}

	/**
	 * Restrict an authorizer to some namespaces.
	 * @param authorizer the authorizer
	 * @param namespaces the namespace names it applies to
	 * @return an authorizer that applies {@code authorizer} to the given namespaces only
	 */
	static SocketIoConnectAuthorizer forNamespaces(SocketIoConnectAuthorizer authorizer, String... namespaces) {
		Objects.requireNonNull(authorizer, "authorizer");
		Set<String> names = Set.of(namespaces);
		return new SocketIoConnectAuthorizer() {

			@Override
			public Mono<Principal> authorize(SocketIoSocket socket) {
				return authorizer.authorize(socket);
			}

			@Override
			public boolean supportsNamespace(String namespace) {
				return names.contains(namespace) && authorizer.supportsNamespace(namespace);
			}

		};
	}

}
