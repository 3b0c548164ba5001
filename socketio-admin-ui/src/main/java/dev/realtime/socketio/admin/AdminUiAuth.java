package dev.realtime.socketio.admin;

import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * How the admin namespace authenticates the UI, as the Node option {@code auth}: not at
 * all, or with a username and a hashed password (the UI's login form).
 *
 * @since 0.1.0
 */
public final class AdminUiAuth {

	private static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");

	private static final AdminUiAuth NONE = new AdminUiAuth(null, null, null);

	private final @Nullable String username;

	private final @Nullable String passwordHash;

	private final @Nullable PasswordVerifier verifier;

	private AdminUiAuth(@Nullable String username, @Nullable String passwordHash, @Nullable PasswordVerifier verifier) {
		this.username = username;
		this.passwordHash = passwordHash;
		this.verifier = verifier;
	}

	/**
	 * No authentication: anyone who reaches the server may connect to the admin
	 * namespace.
	 * @return the setting
	 */
	public static AdminUiAuth none() {
		return NONE;
	}

	/**
	 * Basic authentication with a bcrypt hash, checked with
	 * {@code spring-security-crypto} (which must be on the classpath). Make a hash with
	 * {@code htpasswd -nbBC 10 "" pass} or Spring Security's
	 * {@code BCryptPasswordEncoder}.
	 * @param username the username
	 * @param bcryptHash the bcrypt hash of the password
	 * @return the setting
	 * @throws IllegalArgumentException when the hash is not a bcrypt hash
	 */
	public static AdminUiAuth basic(String username, String bcryptHash) {
		Objects.requireNonNull(bcryptHash, "bcryptHash");
		if (!BCRYPT.matcher(bcryptHash).matches()) {
			throw new IllegalArgumentException(
					"The admin UI password must be a bcrypt hash ($2a$/$2b$/$2y$, 60 characters), not the password itself");
		}
		return basic(username, bcryptHash, PasswordVerifier.bcrypt());
	}

	/**
	 * Basic authentication with a hash of another kind.
	 * @param username the username
	 * @param passwordHash the stored hash
	 * @param verifier checks a password against it
	 * @return the setting
	 */
	public static AdminUiAuth basic(String username, String passwordHash, PasswordVerifier verifier) {
		if (Objects.requireNonNull(username, "username").isEmpty()) {
			throw new IllegalArgumentException("The admin UI username must not be empty");
		}
		return new AdminUiAuth(username, Objects.requireNonNull(passwordHash, "passwordHash"),
				Objects.requireNonNull(verifier, "verifier"));
	}

	/**
	 * Whether the UI must log in.
	 * @return {@code false} for {@link #none()}
	 */
	public boolean enabled() {
		return this.username != null;
	}

	/**
	 * Return whether credentials match. Slow (a hash): call it off the event loops.
	 * @param username the username sent
	 * @param password the password sent
	 * @return {@code true} when authentication is off or both match
	 */
	public boolean matches(@Nullable String username, @Nullable String password) {
		if (this.username == null || this.passwordHash == null || this.verifier == null) {
			return true;
		}
		return this.username.equals(username) && password != null && this.verifier.matches(password, this.passwordHash);
	}

	@Override
	public String toString() {
		return enabled() ? "basic (" + this.username + ")" : "none";
	}

}
