package dev.realtime.socketio.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Cross-origin settings for the Engine.IO endpoint. WebFlux filters never see Engine.IO
 * traffic, so the engine applies CORS itself. When allowed origins are configured, a
 * handshake or WebSocket upgrade from any other origin is refused (cross-site WebSocket
 * hijacking protection).
 *
 * @since 0.1.0
 */
public final class EngineIoCorsOptions {

	private static final List<String> DEFAULT_METHODS = List.of("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE");

	private final List<String> allowedOrigins;

	private final List<String> allowedOriginPatterns;

	private final List<Pattern> compiledPatterns;

	private final List<String> allowedMethods;

	private final List<String> allowedHeaders;

	private final boolean allowCredentials;

	private final @Nullable Duration maxAge;

	private EngineIoCorsOptions(Builder builder) {
		this.allowedOrigins = builder.allowedOrigins.stream().map(EngineIoCorsOptions::checkOrigin).toList();
		this.allowedOriginPatterns = builder.allowedOriginPatterns.stream()
			.map(EngineIoCorsOptions::checkPattern)
			.toList();
		this.compiledPatterns = this.allowedOriginPatterns.stream().map(EngineIoCorsOptions::toRegex).toList();
		this.allowedMethods = List.copyOf(builder.allowedMethods);
		this.allowedHeaders = List.copyOf(builder.allowedHeaders);
		this.allowCredentials = builder.allowCredentials;
		this.maxAge = builder.maxAge;
	}

	/**
	 * Start a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Options that allow any origin, without credentials.
	 * @return CORS options for {@code *}
	 */
	public static EngineIoCorsOptions anyOrigin() {
		return builder().allowedOrigins(List.of("*")).build();
	}

	/**
	 * Return the allowed origins; {@code *} allows any.
	 * @return the origins
	 */
	public List<String> allowedOrigins() {
		return this.allowedOrigins;
	}

	/**
	 * Return the allowed origin patterns, where {@code *} matches any run of characters.
	 * @return the patterns
	 */
	public List<String> allowedOriginPatterns() {
		return this.allowedOriginPatterns;
	}

	/**
	 * Return the methods announced in preflight responses.
	 * @return the methods
	 */
	public List<String> allowedMethods() {
		return this.allowedMethods;
	}

	/**
	 * Return the request headers allowed in preflight responses; empty echoes what the
	 * browser asked for.
	 * @return the headers
	 */
	public List<String> allowedHeaders() {
		return this.allowedHeaders;
	}

	/**
	 * Whether credentials (cookies) are allowed; the origin is then echoed, never
	 * {@code *}.
	 * @return whether credentials are allowed
	 */
	public boolean allowCredentials() {
		return this.allowCredentials;
	}

	/**
	 * Return how long browsers may cache a preflight answer.
	 * @return the max age, or {@code null} to send none
	 */
	public @Nullable Duration maxAge() {
		return this.maxAge;
	}

	/**
	 * Whether any origin is allowed.
	 * @return {@code true} when the origins contain {@code *}
	 */
	public boolean allowsAnyOrigin() {
		return this.allowedOrigins.contains("*");
	}

	/**
	 * Check an {@code Origin} header value.
	 * @param origin the origin
	 * @return whether it is allowed
	 */
	public boolean isAllowed(String origin) {
		if (allowsAnyOrigin()) {
			return true;
		}
		for (String allowed : this.allowedOrigins) {
			if (allowed.equalsIgnoreCase(origin)) {
				return true;
			}
		}
		String lower = origin.toLowerCase(Locale.ROOT);
		for (Pattern pattern : this.compiledPatterns) {
			if (pattern.matcher(lower).matches()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * EIO4 runs over HTTP, so an origin is what RFC 6454 serializes: a scheme, "://", a
	 * host and an optional port; a browser never sends a path, and without the scheme no
	 * browser's Origin header can match.
	 */
	private static final Pattern ORIGIN = Pattern.compile("[a-z][a-z0-9+.-]*://[^/?#@\\s]+", Pattern.CASE_INSENSITIVE);

	/**
	 * A port list at the end of a pattern, as Spring's allowedOriginPatterns: ":[*]" or
	 * ":[8080,8081]".
	 */
	private static final Pattern PORTS = Pattern.compile("(.*):\\[(\\*|\\d+(?:,\\d+)*)]");

	private static String checkOrigin(String origin) {
		String value = stripTrailingSlash(Objects.requireNonNull(origin, "origin").trim());
		if (!value.equals("*") && !ORIGIN.matcher(value).matches()) {
			throw new IllegalArgumentException("'" + origin + "' is not an origin: an origin is "
					+ "scheme://host[:port] with no path, such as " + example(value) + ", or '*' for any");
		}
		return value;
	}

	private static String checkPattern(String pattern) {
		String value = stripTrailingSlash(Objects.requireNonNull(pattern, "pattern").trim());
		if (!value.equals("*") && !value.contains("://")) {
			throw new IllegalArgumentException("'" + pattern + "' is not an origin pattern: a pattern is "
					+ "scheme://host[:port] where '*' matches any run of characters and a port may be a list "
					+ "such as [8080,8081] or [*], like https://*.example.com or " + example(value).replace("*", "")
					+ ":[*]");
		}
		return value;
	}

	private static String example(String value) {
		String host = value.contains("://") ? value.substring(value.indexOf("://") + 3) : value;
		int slash = host.indexOf('/');
		return "http://" + ((slash >= 0) ? host.substring(0, slash) : host);
	}

	private static String stripTrailingSlash(String value) {
		return (value.length() > 1 && value.endsWith("/")) ? value.substring(0, value.length() - 1) : value;
	}

	private static Pattern toRegex(String pattern) {
		String hostPart = pattern.toLowerCase(Locale.ROOT);
		String ports = null;
		Matcher matcher = PORTS.matcher(hostPart);
		if (matcher.matches()) {
			hostPart = matcher.group(1);
			ports = matcher.group(2);
		}
		StringBuilder regex = new StringBuilder();
		String[] parts = hostPart.split("\\*", -1);
		for (int i = 0; i < parts.length; i++) {
			if (i > 0) {
				regex.append(".*");
			}
			if (!parts[i].isEmpty()) {
				regex.append(Pattern.quote(parts[i]));
			}
		}
		if (ports != null) {
			regex.append(ports.equals("*") ? "(:\\d+)?" : ":(" + ports.replace(',', '|') + ")");
		}
		return Pattern.compile(regex.toString());
	}

	/**
	 * Builds {@link EngineIoCorsOptions}.
	 */
	public static final class Builder {

		private List<String> allowedOrigins = new ArrayList<>();

		private List<String> allowedOriginPatterns = new ArrayList<>();

		private List<String> allowedMethods = DEFAULT_METHODS;

		private List<String> allowedHeaders = new ArrayList<>();

		private boolean allowCredentials;

		private @Nullable Duration maxAge;

		private Builder() {
		}

		/**
		 * Set the allowed origins ({@code *} for any).
		 * @param origins the origins
		 * @return this builder
		 */
		public Builder allowedOrigins(List<String> origins) {
			this.allowedOrigins = new ArrayList<>(Objects.requireNonNull(origins));
			return this;
		}

		/**
		 * Set origin patterns such as {@code https://*.example.com}.
		 * @param patterns the patterns
		 * @return this builder
		 */
		public Builder allowedOriginPatterns(List<String> patterns) {
			this.allowedOriginPatterns = new ArrayList<>(Objects.requireNonNull(patterns));
			return this;
		}

		/**
		 * Set the methods announced to preflight requests.
		 * @param methods the methods
		 * @return this builder
		 */
		public Builder allowedMethods(List<String> methods) {
			this.allowedMethods = new ArrayList<>(Objects.requireNonNull(methods));
			return this;
		}

		/**
		 * Set the allowed request headers; empty echoes the requested ones.
		 * @param headers the headers
		 * @return this builder
		 */
		public Builder allowedHeaders(List<String> headers) {
			this.allowedHeaders = new ArrayList<>(Objects.requireNonNull(headers));
			return this;
		}

		/**
		 * Allow credentials.
		 * @param allowCredentials whether to allow them
		 * @return this builder
		 */
		public Builder allowCredentials(boolean allowCredentials) {
			this.allowCredentials = allowCredentials;
			return this;
		}

		/**
		 * Set the preflight cache duration.
		 * @param maxAge the duration, or {@code null} for none
		 * @return this builder
		 */
		public Builder maxAge(@Nullable Duration maxAge) {
			this.maxAge = maxAge;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 * @throws IllegalArgumentException if an origin or a pattern has no scheme, or an
		 * origin has a path
		 */
		public EngineIoCorsOptions build() {
			return new EngineIoCorsOptions(this);
		}

	}

}
