package dev.realtime.socketio.sample;

import java.security.Principal;
import java.util.Map;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import dev.realtime.socketio.server.ConnectRejectedException;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.auth.SocketIoConnectAuthorizer;

/**
 * Lets a socket into the chat under the nickname of its handshake auth,
 * {@code {"nickname": "alice", "clientId": "..."}}. An empty, malformed or taken nickname
 * is refused: the page's {@code connect_error} handler shows the message.
 *
 * @since 0.1.0
 */
@Component
public class NicknameAuthorizer implements SocketIoConnectAuthorizer {

	private static final Pattern NICKNAME = Pattern.compile("[\\p{L}\\p{N}_.-]{1,20}");

	private final Nicknames nicknames;

	/**
	 * Create an authorizer.
	 * @param nicknames the nicknames in use
	 */
	public NicknameAuthorizer(Nicknames nicknames) {
		this.nicknames = nicknames;
	}

	@Override
	public boolean supportsNamespace(String namespace) {
		return ChatHandler.NAMESPACE.equals(namespace);
	}

	@Override
	public Mono<Principal> authorize(SocketIoSocket socket) {
		return Mono.fromSupplier(() -> {
			ObjectNode auth = socket.handshake().auth();
			String nickname = auth.path("nickname").asString("").strip();
			String clientId = auth.path("clientId").asString("");
			if (nickname.isEmpty()) {
				throw rejected("Choose a nickname", "nickname_missing");
			}
			if (!NICKNAME.matcher(nickname).matches()) {
				throw rejected("A nickname is 1 to 20 letters, digits, '.', '-' or '_'", "nickname_invalid");
			}
			ChatUser user = new ChatUser(nickname, clientId.isEmpty() ? socket.id() : clientId);
			Namespace namespace = socket.namespace();
			try {
				String replaced = this.nicknames.claim(user, socket.id(), (id) -> namespace.socket(id) != null);
				SocketIoSocket previous = (replaced != null) ? namespace.socket(replaced) : null;
				if (previous != null) {
					previous.disconnect(true);
				}
			}
			catch (Nicknames.NicknameTakenException ex) {
				throw rejected(ex.getMessage(), "nickname_taken");
			}
			socket.data().put(ChatHandler.NICKNAME, nickname);
			return user;
		});
	}

	private static ConnectRejectedException rejected(String message, String code) {
		return new ConnectRejectedException(message, Map.of("code", code));
	}

}
