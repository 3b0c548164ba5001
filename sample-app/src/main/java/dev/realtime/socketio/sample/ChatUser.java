package dev.realtime.socketio.sample;

import java.security.Principal;

/**
 * The principal of a chat socket: the nickname it connected with, and the id of the
 * browser tab that chose it (so that the tab may take its nickname back after a dropped
 * connection).
 *
 * @param nickname the nickname, as the user typed it
 * @param clientId the id the page generated for itself
 * @since 0.1.0
 */
public record ChatUser(String nickname, String clientId) implements Principal {

	@Override
	public String getName() {
		return this.nickname;
	}

}
