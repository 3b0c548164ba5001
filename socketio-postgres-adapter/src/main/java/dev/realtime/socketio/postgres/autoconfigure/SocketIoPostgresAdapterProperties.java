package dev.realtime.socketio.postgres.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Postgres adapter ({@code socketio.adapter.type=postgres}). The defaults
 * are those of the Node {@code @socket.io/postgres-adapter} 0.5.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("socketio.adapter.postgres")
public class SocketIoPostgresAdapterProperties {

	/**
	 * Prefix of the notification channels: a namespace's channel is
	 * "<prefix>#<namespace>". Node's channelPrefix.
	 */
	private String channelPrefix = "socket.io";

	/**
	 * Table of the payloads over the threshold or with binary data. Node's tableName.
	 */
	private String tableName = "socket_io_attachments";

	/**
	 * Size in bytes of the largest JSON payload sent in the notification itself (Postgres
	 * refuses more than 8000). Node's payloadThreshold.
	 */
	private int payloadThreshold = 8_000;

	/**
	 * Time between two deletions of old attachments; older ones are deleted. Node's
	 * cleanupInterval.
	 */
	private Duration cleanupInterval = Duration.ofSeconds(30);

	/**
	 * Time between two heartbeats of a node. Node's heartbeatInterval.
	 */
	private Duration heartbeatInterval = Duration.ofSeconds(5);

	/**
	 * How long a node that sent nothing counts as alive. Node's heartbeatTimeout.
	 */
	private Duration heartbeatTimeout = Duration.ofSeconds(10);

	/**
	 * How long fetchSockets, serverSideEmit with acks and the like wait for the other
	 * nodes.
	 */
	private Duration requestTimeout = Duration.ofSeconds(5);

	/**
	 * Whether to create the attachment table when it is missing (CREATE TABLE IF NOT
	 * EXISTS at start). Turn off when the schema is managed elsewhere.
	 */
	private boolean createTable = true;

	/**
	 * Mean delay before the listening connection is opened again after it was lost.
	 */
	private Duration reconnectDelay = Duration.ofSeconds(2);

	/**
	 * JDBC URL of the database, when the application has no DataSource bean; defaults to
	 * spring.datasource.url.
	 */
	private @Nullable String url;

	/**
	 * Login user, with url; defaults to spring.datasource.username.
	 */
	private @Nullable String username;

	/**
	 * Login password, with url; defaults to spring.datasource.password.
	 */
	private @Nullable String password;

	public String getChannelPrefix() {
		return this.channelPrefix;
	}

	public void setChannelPrefix(String channelPrefix) {
		this.channelPrefix = channelPrefix;
	}

	public String getTableName() {
		return this.tableName;
	}

	public void setTableName(String tableName) {
		this.tableName = tableName;
	}

	public int getPayloadThreshold() {
		return this.payloadThreshold;
	}

	public void setPayloadThreshold(int payloadThreshold) {
		this.payloadThreshold = payloadThreshold;
	}

	public Duration getCleanupInterval() {
		return this.cleanupInterval;
	}

	public void setCleanupInterval(Duration cleanupInterval) {
		this.cleanupInterval = cleanupInterval;
	}

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public Duration getHeartbeatTimeout() {
		return this.heartbeatTimeout;
	}

	public void setHeartbeatTimeout(Duration heartbeatTimeout) {
		this.heartbeatTimeout = heartbeatTimeout;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	public boolean isCreateTable() {
		return this.createTable;
	}

	public void setCreateTable(boolean createTable) {
		this.createTable = createTable;
	}

	public Duration getReconnectDelay() {
		return this.reconnectDelay;
	}

	public void setReconnectDelay(Duration reconnectDelay) {
		this.reconnectDelay = reconnectDelay;
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

}
