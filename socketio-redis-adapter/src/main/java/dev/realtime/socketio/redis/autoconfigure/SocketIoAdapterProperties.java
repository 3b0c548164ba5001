package dev.realtime.socketio.redis.autoconfigure;

import java.time.Duration;

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
	 * (also with Node servers using @socket.io/redis-adapter).
	 */
	private Type type = Type.MEMORY;

	private final Redis redis = new Redis();

	public Type getType() {
		return this.type;
	}

	public void setType(Type type) {
		this.type = type;
	}

	public Redis getRedis() {
		return this.redis;
	}

	/**
	 * The adapter types.
	 *
	 * @since 0.1.0
	 */
	public enum Type {

		/** Rooms of this node only, in memory. */
		MEMORY,

		/** A cluster of nodes sharing a Redis. */
		REDIS

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

}
