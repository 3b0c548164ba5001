package dev.realtime.socketio.engine;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The sticky-session cookie set on the handshake response, holding the session id, so
 * that a load balancer can route a polling client's requests to the same node.
 *
 * @param name the cookie name (Node's default is {@code io})
 * @param path the cookie path
 * @param httpOnly whether the cookie is hidden from scripts
 * @param sameSite the {@code SameSite} attribute, or {@code null} to omit it
 * @since 0.1.0
 */
public record EngineIoCookieOptions(String name, String path, boolean httpOnly, @Nullable String sameSite) {

	/**
	 * Validate the cookie settings.
	 */
	public EngineIoCookieOptions {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(path, "path");
		if (name.isBlank()) {
			throw new IllegalArgumentException("Cookie name must not be blank");
		}
	}

	/**
	 * The Node server's defaults: {@code io}, path {@code /}, HttpOnly, SameSite Lax.
	 * @return the default cookie options
	 */
	public static EngineIoCookieOptions defaults() {
		return new EngineIoCookieOptions("io", "/", true, "Lax");
	}

	String headerValue(String sid) {
		StringBuilder value = new StringBuilder(this.name).append('=').append(sid).append("; Path=").append(this.path);
		if (this.httpOnly) {
			value.append("; HttpOnly");
		}
		if (this.sameSite != null) {
			value.append("; SameSite=").append(this.sameSite);
		}
		return value.toString();
	}

}
