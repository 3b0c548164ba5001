package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Redis adapter. The defaults are those of the Node
 * {@code @socket.io/redis-adapter}, so Java and Node servers configured alike share a
 * cluster.
 *
 * @since 0.1.0
 */
public final class RedisAdapterOptions {

	private final String keyPrefix;

	private final Duration requestTimeout;

	private final boolean publishOnSpecificResponseChannel;

	private final long streamMaxLength;

	private RedisAdapterOptions(Builder builder) {
		this.streamMaxLength = builder.streamMaxLength;
		this.keyPrefix = builder.keyPrefix;
		this.requestTimeout = builder.requestTimeout;
		this.publishOnSpecificResponseChannel = builder.publishOnSpecificResponseChannel;
	}

	/**
	 * Return a builder with the defaults.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the defaults: prefix {@code socket.io}, 5 s request timeout, answers on the
	 * shared response channel.
	 * @return the options
	 */
	public static RedisAdapterOptions defaults() {
		return builder().build();
	}

	/**
	 * Return the prefix of every channel name (the Node adapter's {@code key}).
	 * @return the prefix
	 */
	public String keyPrefix() {
		return this.keyPrefix;
	}

	/**
	 * Return how long a request to the other nodes ({@code fetchSockets},
	 * {@code serverSideEmit} with acks) waits for their answers.
	 * @return the timeout
	 */
	public Duration requestTimeout() {
		return this.requestTimeout;
	}

	/**
	 * Return whether answers to other nodes' requests go to the requester's own channel
	 * ({@code <prefix>-response#<nsp>#<uid>#}) rather than the shared one.
	 * @return {@code true} for the requester's own channel
	 */
	public boolean publishOnSpecificResponseChannel() {
		return this.publishOnSpecificResponseChannel;
	}

	/**
	 * Return about how many packets per namespace the recovery stream keeps
	 * ({@code XADD MAXLEN ~}). Used only with connection state recovery on: a client
	 * whose offset was trimmed away gets a new session.
	 * @return the maximum length of each namespace's stream
	 */
	public long streamMaxLength() {
		return this.streamMaxLength;
	}

	/**
	 * Builds {@link RedisAdapterOptions}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private String keyPrefix = "socket.io";

		private Duration requestTimeout = Duration.ofSeconds(5);

		private boolean publishOnSpecificResponseChannel;

		private long streamMaxLength = 10_000;

		private Builder() {
		}

		/**
		 * Set the prefix of every channel name.
		 * @param keyPrefix the prefix, {@code socket.io} by default
		 * @return this builder
		 */
		public Builder keyPrefix(String keyPrefix) {
			Objects.requireNonNull(keyPrefix, "keyPrefix");
			if (keyPrefix.isEmpty()) {
				throw new IllegalArgumentException("keyPrefix must not be empty");
			}
			this.keyPrefix = keyPrefix;
			return this;
		}

		/**
		 * Set how long a request waits for the other nodes.
		 * @param requestTimeout the timeout, 5 s by default
		 * @return this builder
		 */
		public Builder requestTimeout(Duration requestTimeout) {
			Objects.requireNonNull(requestTimeout, "requestTimeout");
			if (requestTimeout.isNegative() || requestTimeout.isZero()) {
				throw new IllegalArgumentException("requestTimeout must be positive");
			}
			this.requestTimeout = requestTimeout;
			return this;
		}

		/**
		 * Set whether answers go to the requester's own response channel.
		 * @param publishOnSpecificResponseChannel {@code false} by default, as in Node
		 * @return this builder
		 */
		public Builder publishOnSpecificResponseChannel(boolean publishOnSpecificResponseChannel) {
			this.publishOnSpecificResponseChannel = publishOnSpecificResponseChannel;
			return this;
		}

		/**
		 * Set about how many packets per namespace the recovery stream keeps.
		 * @param streamMaxLength a positive length, 10 000 by default
		 * @return this builder
		 */
		public Builder streamMaxLength(long streamMaxLength) {
			if (streamMaxLength <= 0) {
				throw new IllegalArgumentException("streamMaxLength must be positive");
			}
			this.streamMaxLength = streamMaxLength;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public RedisAdapterOptions build() {
			return new RedisAdapterOptions(this);
		}

	}

}
