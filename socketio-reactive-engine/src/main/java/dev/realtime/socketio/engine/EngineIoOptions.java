package dev.realtime.socketio.engine;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Immutable settings of an {@link EngineIoServer}. Defaults match the Node.js reference
 * server, so a client sees the same behaviour.
 *
 * @since 0.1.0
 */
public final class EngineIoOptions {

	private final String path;

	private final Duration pingInterval;

	private final Duration pingTimeout;

	private final Duration upgradeTimeout;

	private final int maxHttpBufferSize;

	private final Set<EngineIoTransport> transports;

	private final boolean allowUpgrades;

	private final boolean allowEio3;

	private final @Nullable EngineIoCorsOptions cors;

	private final @Nullable EngineIoRequestFilter requestFilter;

	private final @Nullable EngineIoHeadersListener headersListener;

	private final @Nullable EngineIoCookieOptions cookie;

	private final boolean perMessageDeflate;

	private final boolean httpCompression;

	private final int httpCompressionThreshold;

	private final @Nullable String initialPacket;

	private final int maxPayloadPackets;

	private final long maxBufferedBytes;

	private final int maxBufferedPackets;

	private final long maxTotalBufferedBytes;

	private final Duration closeTimeout;

	private final EngineIoLimits limits;

	private EngineIoOptions(Builder builder) {
		this.path = normalizePath(builder.path);
		this.pingInterval = positive(builder.pingInterval, "pingInterval");
		this.pingTimeout = positive(builder.pingTimeout, "pingTimeout");
		this.upgradeTimeout = positive(builder.upgradeTimeout, "upgradeTimeout");
		if (builder.maxHttpBufferSize <= 0) {
			throw new IllegalArgumentException("maxHttpBufferSize must be positive, was " + builder.maxHttpBufferSize);
		}
		this.maxHttpBufferSize = builder.maxHttpBufferSize;
		if (builder.transports.isEmpty()) {
			throw new IllegalArgumentException("transports must not be empty");
		}
		this.transports = Collections.unmodifiableSet(EnumSet.copyOf(builder.transports));
		this.allowUpgrades = builder.allowUpgrades;
		this.allowEio3 = builder.allowEio3;
		this.cors = builder.cors;
		this.requestFilter = builder.requestFilter;
		this.headersListener = builder.headersListener;
		this.cookie = builder.cookie;
		this.perMessageDeflate = builder.perMessageDeflate;
		this.httpCompression = builder.httpCompression;
		if (builder.httpCompressionThreshold < 0) {
			throw new IllegalArgumentException("httpCompressionThreshold must not be negative");
		}
		this.httpCompressionThreshold = builder.httpCompressionThreshold;
		this.initialPacket = builder.initialPacket;
		if (builder.maxPayloadPackets <= 0) {
			throw new IllegalArgumentException("maxPayloadPackets must be positive");
		}
		this.maxPayloadPackets = builder.maxPayloadPackets;
		if (builder.maxBufferedBytes <= 0 || builder.maxBufferedPackets <= 0) {
			throw new IllegalArgumentException("maxBufferedBytes and maxBufferedPackets must be positive");
		}
		this.maxBufferedBytes = builder.maxBufferedBytes;
		this.maxBufferedPackets = builder.maxBufferedPackets;
		if (builder.maxTotalBufferedBytes <= 0) {
			throw new IllegalArgumentException(
					"maxTotalBufferedBytes must be positive, was " + builder.maxTotalBufferedBytes);
		}
		this.maxTotalBufferedBytes = builder.maxTotalBufferedBytes;
		this.closeTimeout = positive(builder.closeTimeout, "closeTimeout");
		this.limits = Objects.requireNonNull(builder.limits, "limits");
	}

	/**
	 * Start a builder with the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the defaults.
	 * @return options with every default
	 */
	public static EngineIoOptions defaults() {
		return builder().build();
	}

	/**
	 * Return a builder initialised with these options.
	 * @return a builder
	 */
	public Builder mutate() {
		return new Builder(this);
	}

	/**
	 * Return the path prefix, with leading and trailing slash ({@code /engine.io/}).
	 * @return the path
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Return the interval between server pings (default 25 s).
	 * @return the ping interval
	 */
	public Duration pingInterval() {
		return this.pingInterval;
	}

	/**
	 * Return how long the server waits for a pong after a ping (default 20 s).
	 * @return the ping timeout
	 */
	public Duration pingTimeout() {
		return this.pingTimeout;
	}

	/**
	 * Return how long an upgrade to WebSocket may take (default 10 s).
	 * @return the upgrade timeout
	 */
	public Duration upgradeTimeout() {
		return this.upgradeTimeout;
	}

	/**
	 * Return the largest POST body or WebSocket frame accepted, in bytes (default 1 000
	 * 000), advertised to clients as {@code maxPayload}.
	 * @return the limit in bytes
	 */
	public int maxHttpBufferSize() {
		return this.maxHttpBufferSize;
	}

	/**
	 * Return the enabled transports.
	 * @return the transports
	 */
	public Set<EngineIoTransport> transports() {
		return this.transports;
	}

	/**
	 * Whether polling sessions may upgrade to WebSocket (default {@code true}).
	 * @return whether upgrades are allowed
	 */
	public boolean allowUpgrades() {
		return this.allowUpgrades && this.transports.contains(EngineIoTransport.WEBSOCKET);
	}

	/**
	 * Whether Engine.IO v3 clients (Socket.IO 2.x) are accepted beside v4 ones, as the
	 * reference server's {@code allowEIO3} (default {@code false}: a handshake with
	 * {@code EIO=3} is refused with code 5, "Unsupported protocol version").
	 * @return whether {@code EIO=3} handshakes are accepted
	 * @since 0.1.0
	 */
	public boolean allowEio3() {
		return this.allowEio3;
	}

	/**
	 * Return the CORS settings.
	 * @return the settings, or {@code null} when CORS is off (the default)
	 */
	public @Nullable EngineIoCorsOptions cors() {
		return this.cors;
	}

	/**
	 * Return the hook that may refuse handshakes.
	 * @return the filter, or {@code null}
	 */
	public @Nullable EngineIoRequestFilter requestFilter() {
		return this.requestFilter;
	}

	/**
	 * Return the hook that adds headers to the handshake and long-polling responses.
	 * @return the listener, or {@code null}
	 */
	public @Nullable EngineIoHeadersListener headersListener() {
		return this.headersListener;
	}

	/**
	 * Return the sticky-session cookie settings.
	 * @return the cookie, or {@code null} for none (the default)
	 */
	public @Nullable EngineIoCookieOptions cookie() {
		return this.cookie;
	}

	/**
	 * Whether WebSocket per-message deflate is negotiated (default {@code false}).
	 * @return whether per-message deflate is on
	 */
	public boolean perMessageDeflate() {
		return this.perMessageDeflate;
	}

	/**
	 * Whether polling responses are compressed when the client accepts it (default
	 * {@code false}).
	 * @return whether HTTP compression is on
	 */
	public boolean httpCompression() {
		return this.httpCompression;
	}

	/**
	 * Return the smallest polling response compressed, in bytes (default 1024).
	 * @return the threshold
	 */
	public int httpCompressionThreshold() {
		return this.httpCompressionThreshold;
	}

	/**
	 * Return a message sent right after the {@code open} packet.
	 * @return the message, or {@code null} for none
	 */
	public @Nullable String initialPacket() {
		return this.initialPacket;
	}

	/**
	 * Return the most packets accepted in one POST body (default 1000).
	 * @return the limit
	 */
	public int maxPayloadPackets() {
		return this.maxPayloadPackets;
	}

	/**
	 * Return the most bytes a session may hold for a client that does not read (default
	 * 16 MiB); past it the session closes with
	 * {@link EngineIoCloseReason#BUFFER_OVERFLOW}.
	 * @return the limit in bytes
	 */
	public long maxBufferedBytes() {
		return this.maxBufferedBytes;
	}

	/**
	 * Return the most packets a polling session may hold between two polls (default 10
	 * 000); past it the session closes with {@link EngineIoCloseReason#BUFFER_OVERFLOW}.
	 * @return the limit
	 */
	public int maxBufferedPackets() {
		return this.maxBufferedPackets;
	}

	/**
	 * Return the most bytes all WebSocket sessions together may hold for clients that do
	 * not read (default 128 MiB). These bytes are direct memory: Netty copies each frame
	 * out of the heap when it is written to the channel. Past the budget the sessions
	 * whose clients left the most unread are closed with
	 * {@link EngineIoCloseReason#BUFFER_OVERFLOW} and their connections dropped at once,
	 * until the rest fits. A session counts here only while it holds more than 64 KiB, so
	 * clients that keep up cost nothing.
	 * @return the budget in bytes
	 * @since 0.1.0
	 */
	public long maxTotalBufferedBytes() {
		return this.maxTotalBufferedBytes;
	}

	/**
	 * Return how long a WebSocket that the server closes may take to read what is still
	 * buffered for it and the close frame (default 5 s); then its connection is dropped,
	 * so that a client that stopped reading does not keep its buffer.
	 * @return the timeout
	 * @since 0.1.0
	 */
	public Duration closeTimeout() {
		return this.closeTimeout;
	}

	/**
	 * Return the connection limits (all off by default).
	 * @return the limits
	 */
	public EngineIoLimits limits() {
		return this.limits;
	}

	private static String normalizePath(String path) {
		Objects.requireNonNull(path, "path");
		String normalized = path.startsWith("/") ? path : "/" + path;
		return normalized.endsWith("/") ? normalized : normalized + "/";
	}

	private static Duration positive(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + duration);
		}
		return duration;
	}

	/**
	 * Builds {@link EngineIoOptions}.
	 */
	public static final class Builder {

		private String path = "/engine.io/";

		private Duration pingInterval = Duration.ofSeconds(25);

		private Duration pingTimeout = Duration.ofSeconds(20);

		private Duration upgradeTimeout = Duration.ofSeconds(10);

		private int maxHttpBufferSize = 1_000_000;

		private Set<EngineIoTransport> transports = EnumSet.allOf(EngineIoTransport.class);

		private boolean allowUpgrades = true;

		private boolean allowEio3;

		private @Nullable EngineIoCorsOptions cors;

		private @Nullable EngineIoRequestFilter requestFilter;

		private @Nullable EngineIoHeadersListener headersListener;

		private @Nullable EngineIoCookieOptions cookie;

		private boolean perMessageDeflate;

		private boolean httpCompression;

		private int httpCompressionThreshold = 1024;

		private @Nullable String initialPacket;

		private int maxPayloadPackets = 1000;

		private long maxBufferedBytes = 16L * 1024 * 1024;

		private int maxBufferedPackets = 10_000;

		private long maxTotalBufferedBytes = 128L * 1024 * 1024;

		private Duration closeTimeout = Duration.ofSeconds(5);

		private EngineIoLimits limits = EngineIoLimits.none();

		private Builder() {
		}

		private Builder(EngineIoOptions options) {
			this.path = options.path;
			this.pingInterval = options.pingInterval;
			this.pingTimeout = options.pingTimeout;
			this.upgradeTimeout = options.upgradeTimeout;
			this.maxHttpBufferSize = options.maxHttpBufferSize;
			this.transports = EnumSet.copyOf(options.transports);
			this.allowUpgrades = options.allowUpgrades;
			this.allowEio3 = options.allowEio3;
			this.cors = options.cors;
			this.requestFilter = options.requestFilter;
			this.headersListener = options.headersListener;
			this.cookie = options.cookie;
			this.perMessageDeflate = options.perMessageDeflate;
			this.httpCompression = options.httpCompression;
			this.httpCompressionThreshold = options.httpCompressionThreshold;
			this.initialPacket = options.initialPacket;
			this.maxPayloadPackets = options.maxPayloadPackets;
			this.maxBufferedBytes = options.maxBufferedBytes;
			this.maxBufferedPackets = options.maxBufferedPackets;
			this.maxTotalBufferedBytes = options.maxTotalBufferedBytes;
			this.closeTimeout = options.closeTimeout;
			this.limits = options.limits;
		}

		/**
		 * Set the path prefix.
		 * @param path the path, e.g. {@code /socket.io/}
		 * @return this builder
		 */
		public Builder path(String path) {
			this.path = path;
			return this;
		}

		/**
		 * Set the ping interval.
		 * @param pingInterval the interval
		 * @return this builder
		 */
		public Builder pingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
			return this;
		}

		/**
		 * Set the ping timeout.
		 * @param pingTimeout the timeout
		 * @return this builder
		 */
		public Builder pingTimeout(Duration pingTimeout) {
			this.pingTimeout = pingTimeout;
			return this;
		}

		/**
		 * Set the upgrade timeout.
		 * @param upgradeTimeout the timeout
		 * @return this builder
		 */
		public Builder upgradeTimeout(Duration upgradeTimeout) {
			this.upgradeTimeout = upgradeTimeout;
			return this;
		}

		/**
		 * Set the largest accepted POST body or WebSocket frame.
		 * @param bytes the limit in bytes
		 * @return this builder
		 */
		public Builder maxHttpBufferSize(int bytes) {
			this.maxHttpBufferSize = bytes;
			return this;
		}

		/**
		 * Set the enabled transports.
		 * @param transports the transports
		 * @return this builder
		 */
		public Builder transports(Set<EngineIoTransport> transports) {
			this.transports = transports.isEmpty() ? EnumSet.noneOf(EngineIoTransport.class)
					: EnumSet.copyOf(transports);
			return this;
		}

		/**
		 * Allow or forbid upgrades from polling to WebSocket.
		 * @param allowUpgrades whether to allow them
		 * @return this builder
		 */
		public Builder allowUpgrades(boolean allowUpgrades) {
			this.allowUpgrades = allowUpgrades;
			return this;
		}

		/**
		 * Accept Engine.IO v3 clients (Socket.IO 2.x) beside v4 ones, each session
		 * speaking its client's protocol (default {@code false}, as the reference
		 * server's {@code allowEIO3}).
		 * @param allowEio3 whether to accept {@code EIO=3} handshakes
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder allowEio3(boolean allowEio3) {
			this.allowEio3 = allowEio3;
			return this;
		}

		/**
		 * Set the CORS settings.
		 * @param cors the settings, or {@code null} to turn CORS off
		 * @return this builder
		 */
		public Builder cors(@Nullable EngineIoCorsOptions cors) {
			this.cors = cors;
			return this;
		}

		/**
		 * Set the hook that may refuse handshakes.
		 * @param requestFilter the filter, or {@code null}
		 * @return this builder
		 */
		public Builder requestFilter(@Nullable EngineIoRequestFilter requestFilter) {
			this.requestFilter = requestFilter;
			return this;
		}

		/**
		 * Set the hook that adds headers (cookies) to the handshake and long-polling
		 * responses (Node's {@code initial_headers} and {@code headers} events).
		 * @param headersListener the listener, or {@code null}
		 * @return this builder
		 */
		public Builder headersListener(@Nullable EngineIoHeadersListener headersListener) {
			this.headersListener = headersListener;
			return this;
		}

		/**
		 * Set the sticky-session cookie.
		 * @param cookie the cookie, or {@code null} for none
		 * @return this builder
		 */
		public Builder cookie(@Nullable EngineIoCookieOptions cookie) {
			this.cookie = cookie;
			return this;
		}

		/**
		 * Turn WebSocket per-message deflate on or off.
		 * @param perMessageDeflate whether to negotiate it
		 * @return this builder
		 */
		public Builder perMessageDeflate(boolean perMessageDeflate) {
			this.perMessageDeflate = perMessageDeflate;
			return this;
		}

		/**
		 * Turn compression of polling responses on or off.
		 * @param httpCompression whether to compress
		 * @return this builder
		 */
		public Builder httpCompression(boolean httpCompression) {
			this.httpCompression = httpCompression;
			return this;
		}

		/**
		 * Set the smallest polling response that is compressed.
		 * @param bytes the threshold in bytes
		 * @return this builder
		 */
		public Builder httpCompressionThreshold(int bytes) {
			this.httpCompressionThreshold = bytes;
			return this;
		}

		/**
		 * Set a message sent right after the {@code open} packet.
		 * @param initialPacket the message, or {@code null}
		 * @return this builder
		 */
		public Builder initialPacket(@Nullable String initialPacket) {
			this.initialPacket = initialPacket;
			return this;
		}

		/**
		 * Set the most packets accepted in one POST body.
		 * @param maxPayloadPackets the limit
		 * @return this builder
		 */
		public Builder maxPayloadPackets(int maxPayloadPackets) {
			this.maxPayloadPackets = maxPayloadPackets;
			return this;
		}

		/**
		 * Set the most bytes a session may hold for a client that does not read.
		 * @param maxBufferedBytes the limit in bytes
		 * @return this builder
		 */
		public Builder maxBufferedBytes(long maxBufferedBytes) {
			this.maxBufferedBytes = maxBufferedBytes;
			return this;
		}

		/**
		 * Set the most packets a polling session may hold between two polls.
		 * @param maxBufferedPackets the limit
		 * @return this builder
		 */
		public Builder maxBufferedPackets(int maxBufferedPackets) {
			this.maxBufferedPackets = maxBufferedPackets;
			return this;
		}

		/**
		 * Set the most bytes all WebSocket sessions together may hold for clients that do
		 * not read; past it the sessions whose clients left the most unread are closed.
		 * @param maxTotalBufferedBytes the budget in bytes
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder maxTotalBufferedBytes(long maxTotalBufferedBytes) {
			this.maxTotalBufferedBytes = maxTotalBufferedBytes;
			return this;
		}

		/**
		 * Set how long a WebSocket that the server closes may take to read what is still
		 * buffered for it before its connection is dropped.
		 * @param closeTimeout the timeout
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder closeTimeout(Duration closeTimeout) {
			this.closeTimeout = closeTimeout;
			return this;
		}

		/**
		 * Set the connection limits.
		 * @param limits the limits
		 * @return this builder
		 */
		public Builder limits(EngineIoLimits limits) {
			this.limits = limits;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 * @throws IllegalArgumentException when a value is out of range
		 */
		public EngineIoOptions build() {
			return new EngineIoOptions(this);
		}

	}

}
