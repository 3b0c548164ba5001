package dev.realtime.socketio.redis.autoconfigure;

import java.time.Duration;

import dev.realtime.socketio.redis.RedisAdapterOptions.ShardedSubscriptionMode;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which adapter carries the rooms and broadcasts of the Socket.IO server, and the
 * settings of the Redis one.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("socketio.adapter")
public class SocketIoAdapterProperties {

	/**
	 * Adapter type: 'memory' for a single node, 'redis' for several nodes sharing a Redis
	 * over pub/sub (also with Node servers using @socket.io/redis-adapter),
	 * 'redis-streams' for several nodes sharing a Redis stream (also with Node servers
	 * using @socket.io/redis-streams-adapter).
	 */
	private Type type = Type.MEMORY;

	private final Redis redis = new Redis();

	private final RedisStreams redisStreams = new RedisStreams();

	public Type getType() {
		return this.type;
	}

	public void setType(Type type) {
		this.type = type;
	}

	public Redis getRedis() {
		return this.redis;
	}

	public RedisStreams getRedisStreams() {
		return this.redisStreams;
	}

	/**
	 * The adapter types.
	 *
	 * @since 0.1.0
	 */
	public enum Type {

		/** Rooms of this node only, in memory. */
		MEMORY,

		/** A cluster of nodes sharing a Redis, over pub/sub. */
		REDIS,

		/** A cluster of nodes sharing a Redis stream. */
		REDIS_STREAMS

	}

	/**
	 * Settings of the Redis adapter.
	 *
	 * @since 0.1.0
	 */
	public static class Redis {

		/**
		 * Prefix of the Redis channel names (the Node adapter's 'key'); every server of a
		 * cluster uses the same.
		 */
		private String keyPrefix = "socket.io";

		/**
		 * How long a request to the other nodes (fetchSockets, serverSideEmit with acks)
		 * waits for their answers.
		 */
		private Duration requestTimeout = Duration.ofSeconds(5);

		/**
		 * Whether answers to other nodes' requests go to the requester's own response
		 * channel rather than the shared one.
		 */
		private boolean publishOnSpecificResponseChannel;

		/**
		 * About how many packets per namespace the Redis stream of connection state
		 * recovery keeps (used only with socketio.connection-state-recovery.enabled); a
		 * client whose offset was trimmed away gets a new session.
		 */
		private long streamMaxLength = 10_000;

		/**
		 * Whether to use Redis sharded pub/sub (SPUBLISH / SSUBSCRIBE, Redis 7+), as the
		 * Node createShardedAdapter does; the key prefix is its channelPrefix. Meant for
		 * a Redis Cluster (spring.data.redis.cluster.nodes), where each channel lives on
		 * the master of its slot.
		 */
		private boolean sharded;

		/**
		 * With sharded pub/sub: which broadcasts go to a channel of their room rather
		 * than the namespace's; 'dynamic' (Node's default) for one public room,
		 * 'dynamic-private' for the rooms of single sockets too, 'static' for none. Every
		 * server of a cluster uses the same.
		 */
		private ShardedSubscriptionMode subscriptionMode = ShardedSubscriptionMode.DYNAMIC;

		public boolean isSharded() {
			return this.sharded;
		}

		public void setSharded(boolean sharded) {
			this.sharded = sharded;
		}

		public ShardedSubscriptionMode getSubscriptionMode() {
			return this.subscriptionMode;
		}

		public void setSubscriptionMode(ShardedSubscriptionMode subscriptionMode) {
			this.subscriptionMode = subscriptionMode;
		}

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		public void setRequestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}

		public boolean isPublishOnSpecificResponseChannel() {
			return this.publishOnSpecificResponseChannel;
		}

		public void setPublishOnSpecificResponseChannel(boolean publishOnSpecificResponseChannel) {
			this.publishOnSpecificResponseChannel = publishOnSpecificResponseChannel;
		}

		public long getStreamMaxLength() {
			return this.streamMaxLength;
		}

		public void setStreamMaxLength(long streamMaxLength) {
			this.streamMaxLength = streamMaxLength;
		}

	}

	/**
	 * Settings of the Redis Streams adapter; the defaults are those of the Node
	 * {@code @socket.io/redis-streams-adapter}.
	 *
	 * @since 0.1.0
	 */
	public static class RedisStreams {

		/**
		 * Name of the Redis stream (the prefix of the stream names with several); every
		 * server of a cluster uses the same.
		 */
		private String streamName = "socket.io";

		/**
		 * Number of streams; each namespace goes to one by the hash of its name.
		 */
		private int streamCount = 1;

		/**
		 * Prefix of the pub/sub channels of requests and answers.
		 */
		private String channelPrefix = "socket.io";

		/**
		 * Whether requests and answers use sharded pub/sub (SPUBLISH / SSUBSCRIBE, Redis
		 * 7+), as the Node adapter's useShardedPubSub; meant for a Redis Cluster.
		 */
		private boolean shardedPubSub;

		/**
		 * About how many entries each stream keeps (XADD MAXLEN ~); also how far back a
		 * client can recover its session.
		 */
		private long maxLength = 10_000;

		/**
		 * How many entries one read of the stream returns at most.
		 */
		private int readCount = 100;

		/**
		 * How long one read of the stream blocks when nothing new comes.
		 */
		private Duration blockTime = Duration.ofSeconds(5);

		/**
		 * Prefix of the keys of disconnected sessions (connection state recovery).
		 */
		private String sessionKeyPrefix = "sio:session:";

		/**
		 * How long a request to the other nodes (fetchSockets, serverSideEmit with acks)
		 * waits for their answers.
		 */
		private Duration requestTimeout = Duration.ofSeconds(5);

		public String getStreamName() {
			return this.streamName;
		}

		public void setStreamName(String streamName) {
			this.streamName = streamName;
		}

		public int getStreamCount() {
			return this.streamCount;
		}

		public void setStreamCount(int streamCount) {
			this.streamCount = streamCount;
		}

		public String getChannelPrefix() {
			return this.channelPrefix;
		}

		public void setChannelPrefix(String channelPrefix) {
			this.channelPrefix = channelPrefix;
		}

		public boolean isShardedPubSub() {
			return this.shardedPubSub;
		}

		public void setShardedPubSub(boolean shardedPubSub) {
			this.shardedPubSub = shardedPubSub;
		}

		public long getMaxLength() {
			return this.maxLength;
		}

		public void setMaxLength(long maxLength) {
			this.maxLength = maxLength;
		}

		public int getReadCount() {
			return this.readCount;
		}

		public void setReadCount(int readCount) {
			this.readCount = readCount;
		}

		public Duration getBlockTime() {
			return this.blockTime;
		}

		public void setBlockTime(Duration blockTime) {
			this.blockTime = blockTime;
		}

		public String getSessionKeyPrefix() {
			return this.sessionKeyPrefix;
		}

		public void setSessionKeyPrefix(String sessionKeyPrefix) {
			this.sessionKeyPrefix = sessionKeyPrefix;
		}

		public Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		public void setRequestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}

	}

}
