package dev.realtime.socketio.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Redis Streams adapter. The defaults are those of the Node
 * {@code @socket.io/redis-streams-adapter} 0.3, so Java and Node servers configured alike
 * share a cluster.
 *
 * @since 0.1.0
 */
public final class RedisStreamsAdapterOptions {

	private final String streamName;

	private final int streamCount;

	private final String channelPrefix;

	private final boolean shardedPubSub;

	private final long maxLength;

	private final int readCount;

	private final Duration blockTime;

	private final String sessionKeyPrefix;

	private final Duration requestTimeout;

	private RedisStreamsAdapterOptions(Builder builder) {
		this.streamName = builder.streamName;
		this.streamCount = builder.streamCount;
		this.channelPrefix = builder.channelPrefix;
		this.shardedPubSub = builder.shardedPubSub;
		this.maxLength = builder.maxLength;
		this.readCount = builder.readCount;
		this.blockTime = builder.blockTime;
		this.sessionKeyPrefix = builder.sessionKeyPrefix;
		this.requestTimeout = builder.requestTimeout;
	}

	/**
	 * Return a builder with the defaults.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the defaults: stream {@code socket.io}, one stream, channels prefixed
	 * {@code socket.io}, about 10 000 entries kept, 100 entries a read, reads that block
	 * 5 s, sessions under {@code sio:session:}, 5 s request timeout.
	 * @return the options
	 */
	public static RedisStreamsAdapterOptions defaults() {
		return builder().build();
	}

	/**
	 * Return the name of the stream (the prefix of the stream names with several).
	 * @return the stream name
	 */
	public String streamName() {
		return this.streamName;
	}

	/**
	 * Return the number of streams; each namespace goes to one of them by the hash of its
	 * name, as in Node.
	 * @return the number of streams
	 */
	public int streamCount() {
		return this.streamCount;
	}

	/**
	 * Return the prefix of the pub/sub channels of requests and answers.
	 * @return the prefix
	 */
	public String channelPrefix() {
		return this.channelPrefix;
	}

	/**
	 * Return whether requests and answers use sharded pub/sub ({@code SPUBLISH} /
	 * {@code SSUBSCRIBE}, Redis 7+), as the Node adapter's {@code useShardedPubSub}.
	 * @return {@code true} for sharded pub/sub
	 */
	public boolean shardedPubSub() {
		return this.shardedPubSub;
	}

	/**
	 * Return about how many entries each stream keeps ({@code XADD MAXLEN ~}): also how
	 * far back a client can recover.
	 * @return the maximum length
	 */
	public long maxLength() {
		return this.maxLength;
	}

	/**
	 * Return how many entries one {@code XREAD} returns at most.
	 * @return the count
	 */
	public int readCount() {
		return this.readCount;
	}

	/**
	 * Return how long one {@code XREAD} blocks when the stream has nothing new.
	 * @return the block time
	 */
	public Duration blockTime() {
		return this.blockTime;
	}

	/**
	 * Return the prefix of the keys of disconnected sessions (connection state recovery).
	 * @return the prefix
	 */
	public String sessionKeyPrefix() {
		return this.sessionKeyPrefix;
	}

	/**
	 * Return how long a request to the other nodes waits for their answers.
	 * @return the timeout
	 */
	public Duration requestTimeout() {
		return this.requestTimeout;
	}

	/**
	 * Return the stream of a namespace: Node's {@code computeStreamName}.
	 * @param namespace the namespace name
	 * @return the stream key
	 */
	String streamOf(String namespace) {
		if (this.streamCount == 1) {
			return this.streamName;
		}
		int hash = 0;
		for (int i = 0; i < namespace.length(); i++) {
			hash = hash * 31 + namespace.charAt(i);
		}
		// JavaScript's % keeps the sign of the dividend, and so does Java's.
		return this.streamName + "-" + (hash % this.streamCount);
	}

	/**
	 * Builds {@link RedisStreamsAdapterOptions}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private String streamName = "socket.io";

		private int streamCount = 1;

		private String channelPrefix = "socket.io";

		private boolean shardedPubSub;

		private long maxLength = 10_000;

		private int readCount = 100;

		private Duration blockTime = Duration.ofSeconds(5);

		private String sessionKeyPrefix = "sio:session:";

		private Duration requestTimeout = Duration.ofSeconds(5);

		private Builder() {
		}

		/**
		 * Set the name of the stream.
		 * @param streamName the name, {@code socket.io} by default
		 * @return this builder
		 */
		public Builder streamName(String streamName) {
			this.streamName = text(streamName, "streamName");
			return this;
		}

		/**
		 * Set the number of streams.
		 * @param streamCount a positive count, 1 by default
		 * @return this builder
		 */
		public Builder streamCount(int streamCount) {
			if (streamCount <= 0) {
				throw new IllegalArgumentException("streamCount must be positive");
			}
			this.streamCount = streamCount;
			return this;
		}

		/**
		 * Set the prefix of the pub/sub channels.
		 * @param channelPrefix the prefix, {@code socket.io} by default
		 * @return this builder
		 */
		public Builder channelPrefix(String channelPrefix) {
			this.channelPrefix = text(channelPrefix, "channelPrefix");
			return this;
		}

		/**
		 * Set whether requests and answers use sharded pub/sub ({@code SPUBLISH} /
		 * {@code SSUBSCRIBE} on {@code <prefix>#<nsp>#} and
		 * {@code <prefix>#<nsp>#<uid>#}, servers counted by {@code PUBSUB SHARDNUMSUB}):
		 * the Node adapter's {@code useShardedPubSub}, meant for a Redis Cluster. Every
		 * server of the cluster must use the same.
		 * @param shardedPubSub {@code true} for sharded pub/sub, {@code false} (the
		 * default) for classic pub/sub
		 * @return this builder
		 */
		public Builder shardedPubSub(boolean shardedPubSub) {
			this.shardedPubSub = shardedPubSub;
			return this;
		}

		/**
		 * Set about how many entries each stream keeps.
		 * @param maxLength a positive length, 10 000 by default
		 * @return this builder
		 */
		public Builder maxLength(long maxLength) {
			if (maxLength <= 0) {
				throw new IllegalArgumentException("maxLength must be positive");
			}
			this.maxLength = maxLength;
			return this;
		}

		/**
		 * Set how many entries one read returns at most.
		 * @param readCount a positive count, 100 by default
		 * @return this builder
		 */
		public Builder readCount(int readCount) {
			if (readCount <= 0) {
				throw new IllegalArgumentException("readCount must be positive");
			}
			this.readCount = readCount;
			return this;
		}

		/**
		 * Set how long one read blocks.
		 * @param blockTime a positive time, 5 s by default
		 * @return this builder
		 */
		public Builder blockTime(Duration blockTime) {
			this.blockTime = positive(blockTime, "blockTime");
			return this;
		}

		/**
		 * Set the prefix of the session keys.
		 * @param sessionKeyPrefix the prefix, {@code sio:session:} by default
		 * @return this builder
		 */
		public Builder sessionKeyPrefix(String sessionKeyPrefix) {
			this.sessionKeyPrefix = text(sessionKeyPrefix, "sessionKeyPrefix");
			return this;
		}

		/**
		 * Set how long a request waits for the other nodes.
		 * @param requestTimeout a positive time, 5 s by default
		 * @return this builder
		 */
		public Builder requestTimeout(Duration requestTimeout) {
			this.requestTimeout = positive(requestTimeout, "requestTimeout");
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public RedisStreamsAdapterOptions build() {
			return new RedisStreamsAdapterOptions(this);
		}

		private static String text(String value, String name) {
			Objects.requireNonNull(value, name);
			if (value.isEmpty()) {
				throw new IllegalArgumentException(name + " must not be empty");
			}
			return value;
		}

		private static Duration positive(Duration value, String name) {
			Objects.requireNonNull(value, name);
			if (value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException(name + " must be positive");
			}
			return value;
		}

	}

}
