package dev.realtime.socketio.admin.internal;

import org.springframework.security.crypto.bcrypt.BCrypt;

import dev.realtime.socketio.admin.PasswordVerifier;

/**
 * Checks bcrypt hashes with {@code spring-security-crypto}, an optional dependency: this
 * class is loaded only once its presence is checked.
 */
public final class BCryptVerifier implements PasswordVerifier {

	private static final String BCRYPT_CLASS = "org.springframework.security.crypto.bcrypt.BCrypt";

	private BCryptVerifier() {
	}

	/**
	 * Return a verifier.
	 * @return the verifier
	 * @throws IllegalStateException when {@code spring-security-crypto} is missing
	 */
	public static PasswordVerifier create() {
		try {
			Class.forName(BCRYPT_CLASS, false, BCryptVerifier.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("Basic authentication of the admin UI checks bcrypt hashes with "
					+ "spring-security-crypto: add org.springframework.security:spring-security-crypto "
					+ "to the application, or pass a PasswordVerifier of your own", ex);
		}
		return new BCryptVerifier();
	}

	@Override
	public boolean matches(String password, String hash) {
		try {
			return BCrypt.checkpw(password, hash);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
