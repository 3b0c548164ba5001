package dev.realtime.socketio.admin;

import dev.realtime.socketio.admin.internal.BCryptVerifier;

/**
 * Checks a password the UI sent against the stored, hashed one.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PasswordVerifier {

	/**
	 * Return whether a password matches a stored hash. Called off the event loops, since
	 * hashes are slow on purpose.
	 * @param password the password the UI sent
	 * @param hash the stored hash
	 * @return {@code true} when it matches
	 */
	boolean matches(String password, String hash);

	/**
	 * Return a verifier of bcrypt hashes ({@code $2a$}, {@code $2b$}, {@code $2y$}, as
	 * the Node {@code bcryptjs} makes them), which needs {@code spring-security-crypto}
	 * on the classpath.
	 * @return the verifier
	 * @throws IllegalStateException when {@code spring-security-crypto} is missing
	 */
	static PasswordVerifier bcrypt() {
		return BCryptVerifier.create();
	}

}
