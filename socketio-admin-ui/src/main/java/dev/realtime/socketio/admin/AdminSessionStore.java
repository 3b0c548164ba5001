package dev.realtime.socketio.admin;

import reactor.core.publisher.Mono;

/**
 * Remembers the sessions of logged-in UIs, so that a UI that reconnects (a page reload, a
 * lost connection) sends its session id instead of the password again. As the Node
 * {@code store} option; the default keeps them in memory
 * ({@link InMemoryAdminSessionStore}).
 *
 * @since 0.1.0
 */
public interface AdminSessionStore {

	/**
	 * Return whether a session exists and has not expired.
	 * @param sessionId the id the UI sent
	 * @return {@code true} when the UI may connect without a password
	 */
	Mono<Boolean> exists(String sessionId);

	/**
	 * Remember a new session.
	 * @param sessionId the id given to the UI
	 */
	void save(String sessionId);

}
