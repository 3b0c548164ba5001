package dev.realtime.socketio.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of connection state recovery: a client that lost its connection and
 * comes back within {@link #maxDisconnectionDuration()} gets its socket id, rooms and
 * data back, with every packet it missed meanwhile. Defaults match the Node.js reference
 * server. <pre class="code">
 * SocketIoServerOptions.builder()
 *     .connectionStateRecovery(ConnectionStateRecoveryOptions.builder()
 *         .maxDisconnectionDuration(Duration.ofMinutes(2))
 *         .build())
 *     .build();
 * </pre>
 *
 * @since 0.1.0
 */
public final class ConnectionStateRecoveryOptions {

	private final Duration maxDisconnectionDuration;

	private final boolean skipMiddlewares;

	private ConnectionStateRecoveryOptions(Builder builder) {
		Objects.requireNonNull(builder.maxDisconnectionDuration, "maxDisconnectionDuration");
		if (builder.maxDisconnectionDuration.isNegative() || builder.maxDisconnectionDuration.isZero()) {
			throw new IllegalArgumentException(
					"maxDisconnectionDuration must be positive, was " + builder.maxDisconnectionDuration);
		}
		this.maxDisconnectionDuration = builder.maxDisconnectionDuration;
		this.skipMiddlewares = builder.skipMiddlewares;
	}

	/**
	 * Start a builder with the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the defaults: a 2 minute window, middlewares skipped on recovery.
	 * @return the default options
	 */
	public static ConnectionStateRecoveryOptions defaults() {
		return builder().build();
	}

	/**
	 * Return how long a session (and the packets it may miss) is kept after a
	 * disconnection (default 2 minutes).
	 * @return the recovery window
	 */
	public Duration maxDisconnectionDuration() {
		return this.maxDisconnectionDuration;
	}

	/**
	 * Whether the connection middlewares are skipped when a session is recovered (default
	 * {@code true}).
	 * @return whether middlewares are skipped on recovery
	 */
	public boolean skipMiddlewares() {
		return this.skipMiddlewares;
	}

	@Override
	public String toString() {
		return "ConnectionStateRecoveryOptions[maxDisconnectionDuration=" + this.maxDisconnectionDuration
				+ ", skipMiddlewares=" + this.skipMiddlewares + "]";
	}

	/**
	 * Builds {@link ConnectionStateRecoveryOptions}.
	 */
	public static final class Builder {

		private Duration maxDisconnectionDuration = Duration.ofMinutes(2);

		private boolean skipMiddlewares = true;

		private Builder() {
		}

		/**
		 * Set how long a session is kept after a disconnection.
		 * @param maxDisconnectionDuration the recovery window
		 * @return this builder
		 */
		public Builder maxDisconnectionDuration(Duration maxDisconnectionDuration) {
			this.maxDisconnectionDuration = maxDisconnectionDuration;
			return this;
		}

		/**
		 * Skip the connection middlewares when a session is recovered, or run them.
		 * @param skipMiddlewares whether to skip them
		 * @return this builder
		 */
		public Builder skipMiddlewares(boolean skipMiddlewares) {
			this.skipMiddlewares = skipMiddlewares;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public ConnectionStateRecoveryOptions build() {
			return new ConnectionStateRecoveryOptions(this);
		}

	}

}
