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

	private final boolean sharded;

	private final ShardedSubscriptionMode subscriptionMode;

	private RedisAdapterOptions(Builder builder) {
		this.sharded = builder.sharded;
		this.subscriptionMode = builder.subscriptionMode;
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
	 * Return whether the adapter uses sharded pub/sub ({@code SPUBLISH} /
	 * {@code SSUBSCRIBE}, Redis 7+), as the Node {@code createShardedAdapter} does.
	 * @return {@code true} for the sharded adapter
	 */
	public boolean sharded() {
		return this.sharded;
	}

	/**
	 * Return which rooms get a shard channel of their own in sharded mode.
	 * @return the subscription mode
	 */
	public ShardedSubscriptionMode subscriptionMode() {
		return this.subscriptionMode;
	}

	/**
	 * Which broadcasts of the sharded adapter go to a channel of their room
	 * ({@code <prefix>#<nsp>#<room>#}) rather than the namespace's, the Node
	 * {@code subscriptionMode} option.
	 */
	public enum ShardedSubscriptionMode {

		/** Every broadcast goes to the namespace's channel. */
		STATIC,

		/**
		 * A broadcast to one public room (not a socket id) goes to that room's channel,
		 * which only the nodes with sockets in it subscribe to; Node's default.
		 */
		DYNAMIC,

		/** Like {@link #DYNAMIC}, for the rooms of single sockets too. */
		DYNAMIC_PRIVATE

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

		private boolean sharded;

		private ShardedSubscriptionMode subscriptionMode = ShardedSubscriptionMode.DYNAMIC;

		private Builder() {
		}

		/**
		 * Use sharded pub/sub ({@code SPUBLISH} / {@code SSUBSCRIBE}, Redis 7+), with the
		 * channels and messages of the Node {@code createShardedAdapter}; the key prefix
		 * is its {@code channelPrefix}. Default {@code false}.
		 * @param sharded whether to use sharded pub/sub
		 * @return this builder
		 */
		public Builder sharded(boolean sharded) {
			this.sharded = sharded;
			return this;
		}

		/**
		 * Set which rooms get a shard channel of their own in sharded mode; default
		 * {@link ShardedSubscriptionMode#DYNAMIC}, as in Node. Every node of a cluster
		 * must use the same.
		 * @param subscriptionMode the mode
		 * @return this builder
		 */
		public Builder subscriptionMode(ShardedSubscriptionMode subscriptionMode) {
			this.subscriptionMode = Objects.requireNonNull(subscriptionMode, "subscriptionMode");
			return this;
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
