package dev.realtime.socketio.admin.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.node.ObjectNode;

import dev.realtime.socketio.admin.AdminSessionStore;
import dev.realtime.socketio.admin.AdminUiAuth;
import dev.realtime.socketio.server.ConnectMiddleware;
import dev.realtime.socketio.server.ConnectRejectedException;
import dev.realtime.socketio.server.SocketIoSocket;

/**
 * The admin namespace's connect middleware under basic authentication: a known session id
 * ({@code auth.sessionId}) or the username and password ({@code auth.username},
 * {@code auth.password}), which earn a new session id, sent to the UI as a
 * {@code session} event once connected. Anything else is refused with Node's message,
 * {@code invalid credentials}, which the UI answers with its login form.
 */
final class AdminAuthentication implements ConnectMiddleware {

	/** The attribute holding the session id to send once the socket is connected. */
	static final String NEW_SESSION = AdminAuthentication.class.getName() + ".session";

	private static final Logger logger = Loggers.getLogger(AdminAuthentication.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final AdminUiAuth auth;

	private final AdminSessionStore sessions;

	AdminAuthentication(AdminUiAuth auth, AdminSessionStore sessions) {
		this.auth = auth;
		this.sessions = sessions;
	}

	@Override
	public Mono<Void> handle(SocketIoSocket socket) {
		ObjectNode credentials = socket.handshake().auth();
		String sessionId = credentials.path("sessionId").asString("");
		Mono<Boolean> knownSession = sessionId.isEmpty() ? Mono.just(false) : this.sessions.exists(sessionId);
		return knownSession.flatMap((known) -> {
			if (known) {
				logger.debug("Admin {} authenticated by its session", socket.id());
				return Mono.empty();
			}
			return checkPassword(socket, credentials);
		});
	}

	private Mono<Void> checkPassword(SocketIoSocket socket, ObjectNode credentials) {
		String username = credentials.path("username").asString("");
		String password = credentials.path("password").asString("");
		// bcrypt takes tens of milliseconds on purpose: not on an event loop.
		return Mono.fromCallable(() -> this.auth.matches(username, password))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((matches) -> {
				if (!matches) {
					logger.debug("Admin {} refused: invalid credentials", socket.id());
					return Mono.error(new ConnectRejectedException("invalid credentials"));
				}
				byte[] bytes = new byte[16];
				RANDOM.nextBytes(bytes);
				String newSession = HexFormat.of().formatHex(bytes);
				this.sessions.save(newSession);
				socket.attributes().put(NEW_SESSION, newSession);
				return Mono.empty();
			});
	}

}
