package dev.realtime.socketio.postgres;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of the Postgres adapter. The defaults are those of the Node
 * {@code @socket.io/postgres-adapter} 0.5 (and of {@code @socket.io/postgres-emitter}),
 * so Java and Node servers configured alike share a cluster.
 *
 * @since 0.1.0
 */
public final class PostgresAdapterOptions {

	/** A table name goes into SQL as it is (as in Node): plain or schema-qualified. */
	private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");

	private final String channelPrefix;

	private final String tableName;

	private final int payloadThreshold;

	private final Duration cleanupInterval;

	private final Duration heartbeatInterval;

	private final Duration heartbeatTimeout;

	private final Duration requestTimeout;

	private final boolean createTable;

	private final Duration reconnectDelay;

	private PostgresAdapterOptions(Builder builder) {
		this.channelPrefix = builder.channelPrefix;
		this.tableName = builder.tableName;
		this.payloadThreshold = builder.payloadThreshold;
		this.cleanupInterval = builder.cleanupInterval;
		this.heartbeatInterval = builder.heartbeatInterval;
		this.heartbeatTimeout = builder.heartbeatTimeout;
		this.requestTimeout = builder.requestTimeout;
		this.createTable = builder.createTable;
		this.reconnectDelay = builder.reconnectDelay;
	}

	/**
	 * Return a builder with the defaults.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the defaults: channels {@code socket.io#<namespace>}, attachments in
	 * {@code socket_io_attachments} above 8 000 bytes, cleaned every 30 s, heartbeats
	 * every 5 s, nodes gone after 10 s of silence, 5 s request timeout.
	 * @return the options
	 */
	public static PostgresAdapterOptions defaults() {
		return builder().build();
	}

	/**
	 * Return the prefix of the notification channels: a namespace's channel is
	 * {@code <prefix>#<namespace>}.
	 * @return the prefix
	 */
	public String channelPrefix() {
		return this.channelPrefix;
	}

	/**
	 * Return the channel of a namespace.
	 * @param namespace the namespace, such as {@code /}
	 * @return {@code <prefix>#<namespace>}
	 */
	public String channelOf(String namespace) {
		return this.channelPrefix + "#" + namespace;
	}

	/**
	 * Return the table of the payloads that do not fit in a notification.
	 * @return the table name
	 */
	public String tableName() {
		return this.tableName;
	}

	/**
	 * Return the size in bytes of the largest JSON payload sent in the notification
	 * itself; a larger one (or one with binary data) goes to the table.
	 * @return the threshold
	 */
	public int payloadThreshold() {
		return this.payloadThreshold;
	}

	/**
	 * Return the time between two deletions of old attachments; an attachment older than
	 * this is deleted.
	 * @return the interval
	 */
	public Duration cleanupInterval() {
		return this.cleanupInterval;
	}

	/**
	 * Return the time between two heartbeats of a node.
	 * @return the interval
	 */
	public Duration heartbeatInterval() {
		return this.heartbeatInterval;
	}

	/**
	 * Return how long a node that sent nothing counts as alive.
	 * @return the timeout
	 */
	public Duration heartbeatTimeout() {
		return this.heartbeatTimeout;
	}

	/**
	 * Return how long requests to the other nodes wait for their answers.
	 * @return the timeout
	 */
	public Duration requestTimeout() {
		return this.requestTimeout;
	}

	/**
	 * Return whether the adapter creates the attachment table when it is missing.
	 * @return {@code true} to run {@code CREATE TABLE IF NOT EXISTS} at start
	 */
	public boolean createTable() {
		return this.createTable;
	}

	/**
	 * Return the mean delay before the listening connection is opened again after it was
	 * lost (each attempt waits between half and one and a half of it, as in Node).
	 * @return the delay
	 */
	public Duration reconnectDelay() {
		return this.reconnectDelay;
	}

	/**
	 * Builds {@link PostgresAdapterOptions}.
	 */
	public static final class Builder {

		private String channelPrefix = "socket.io";

		private String tableName = "socket_io_attachments";

		private int payloadThreshold = 8_000;

		private Duration cleanupInterval = Duration.ofSeconds(30);

		private Duration heartbeatInterval = Duration.ofSeconds(5);

		private Duration heartbeatTimeout = Duration.ofSeconds(10);

		private Duration requestTimeout = Duration.ofSeconds(5);

		private boolean createTable = true;

		private Duration reconnectDelay = Duration.ofSeconds(2);

		private Builder() {
		}

		/**
		 * Set the prefix of the notification channels (Node's {@code channelPrefix}).
		 * @param channelPrefix the prefix
		 * @return this builder
		 */
		public Builder channelPrefix(String channelPrefix) {
			this.channelPrefix = Objects.requireNonNull(channelPrefix, "channelPrefix");
			return this;
		}

		/**
		 * Set the table of large or binary payloads (Node's {@code tableName}).
		 * @param tableName a table name, optionally schema-qualified
		 * @return this builder
		 */
		public Builder tableName(String tableName) {
			Objects.requireNonNull(tableName, "tableName");
			if (!TABLE_NAME.matcher(tableName).matches()) {
				throw new IllegalArgumentException("tableName must be a plain SQL identifier, optionally "
						+ "schema-qualified (letters, digits, _ and $): " + tableName);
			}
			this.tableName = tableName;
			return this;
		}

		/**
		 * Set the largest payload sent in a notification (Node's
		 * {@code payloadThreshold}); Postgres refuses more than 8 000 bytes.
		 * @param payloadThreshold the threshold in bytes
		 * @return this builder
		 */
		public Builder payloadThreshold(int payloadThreshold) {
			if (payloadThreshold < 1) {
				throw new IllegalArgumentException("payloadThreshold must be positive");
			}
			this.payloadThreshold = payloadThreshold;
			return this;
		}

		/**
		 * Set the time between two deletions of old attachments (Node's
		 * {@code cleanupInterval}).
		 * @param cleanupInterval the interval
		 * @return this builder
		 */
		public Builder cleanupInterval(Duration cleanupInterval) {
			this.cleanupInterval = positive(cleanupInterval, "cleanupInterval");
			return this;
		}

		/**
		 * Set the time between two heartbeats (Node's {@code heartbeatInterval}).
		 * @param heartbeatInterval the interval
		 * @return this builder
		 */
		public Builder heartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = positive(heartbeatInterval, "heartbeatInterval");
			return this;
		}

		/**
		 * Set how long a silent node counts as alive (Node's {@code heartbeatTimeout}).
		 * @param heartbeatTimeout the timeout
		 * @return this builder
		 */
		public Builder heartbeatTimeout(Duration heartbeatTimeout) {
			this.heartbeatTimeout = positive(heartbeatTimeout, "heartbeatTimeout");
			return this;
		}

		/**
		 * Set how long requests wait for the other nodes.
		 * @param requestTimeout the timeout
		 * @return this builder
		 */
		public Builder requestTimeout(Duration requestTimeout) {
			this.requestTimeout = positive(requestTimeout, "requestTimeout");
			return this;
		}

		/**
		 * Set whether the adapter creates the attachment table when it is missing; turn
		 * it off when the schema is managed elsewhere (Flyway, Liquibase).
		 * @param createTable {@code false} to leave the schema alone
		 * @return this builder
		 */
		public Builder createTable(boolean createTable) {
			this.createTable = createTable;
			return this;
		}

		/**
		 * Set the mean delay before the listening connection is opened again.
		 * @param reconnectDelay the delay
		 * @return this builder
		 */
		public Builder reconnectDelay(Duration reconnectDelay) {
			this.reconnectDelay = positive(reconnectDelay, "reconnectDelay");
			return this;
		}

		private static Duration positive(Duration duration, String name) {
			Objects.requireNonNull(duration, name);
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(name + " must be positive");
			}
			return duration;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public PostgresAdapterOptions build() {
			return new PostgresAdapterOptions(this);
		}

	}

}
