package dev.realtime.socketio.admin.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.realtime.socketio.admin.AdminUiMode;
import dev.realtime.socketio.admin.AdminUiOptions;
import dev.realtime.socketio.admin.AdminUiStaticFiles;
import dev.realtime.socketio.admin.InMemoryAdminSessionStore;

/**
 * Configuration properties of the Socket.IO Admin UI.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("socketio.admin-ui")
public class SocketIoAdminUiProperties {

	/**
	 * Whether to open the admin namespace the Socket.IO Admin UI connects to. Off by
	 * default: it shows every socket's handshake (headers, query) and lets an admin act
	 * on them.
	 */
	private boolean enabled;

	/**
	 * Name of the admin namespace.
	 */
	private String namespace = AdminUiOptions.DEFAULT_NAMESPACE;

	/**
	 * Whether the UI's commands (emit, join, leave, disconnect) are refused.
	 */
	private boolean readonly;

	/**
	 * How much the UI is told: 'development' sends every socket and event, 'production'
	 * only server stats and aggregated counts.
	 */
	private AdminUiMode mode = AdminUiMode.DEVELOPMENT;

	/**
	 * Id of this node in the UI's server list. Defaults to the host name.
	 */
	private @Nullable String serverId;

	/**
	 * Interval between two 'server_stats' messages.
	 */
	private Duration statsInterval = AdminUiOptions.DEFAULT_STATS_INTERVAL;

	/**
	 * Whether to serve the UI itself from the application, under 'ui-path'. Needs the
	 * socketio-admin-ui-dist jar and the application's Reactor Netty (WebFlux) server.
	 */
	private boolean serveUi;

	/**
	 * Path the UI is served under, with 'serve-ui'.
	 */
	private String uiPath = AdminUiStaticFiles.DEFAULT_PATH;

	private final Auth auth = new Auth();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getNamespace() {
		return this.namespace;
	}

	public void setNamespace(String namespace) {
		this.namespace = namespace;
	}

	public boolean isReadonly() {
		return this.readonly;
	}

	public void setReadonly(boolean readonly) {
		this.readonly = readonly;
	}

	public AdminUiMode getMode() {
		return this.mode;
	}

	public void setMode(AdminUiMode mode) {
		this.mode = mode;
	}

	public @Nullable String getServerId() {
		return this.serverId;
	}

	public void setServerId(@Nullable String serverId) {
		this.serverId = serverId;
	}

	public Duration getStatsInterval() {
		return this.statsInterval;
	}

	public void setStatsInterval(Duration statsInterval) {
		this.statsInterval = statsInterval;
	}

	public boolean isServeUi() {
		return this.serveUi;
	}

	public void setServeUi(boolean serveUi) {
		this.serveUi = serveUi;
	}

	public String getUiPath() {
		return this.uiPath;
	}

	public void setUiPath(String uiPath) {
		this.uiPath = uiPath;
	}

	public Auth getAuth() {
		return this.auth;
	}

	/**
	 * Basic authentication of the UI.
	 */
	public static class Auth {

		/**
		 * Username of the UI's login form. With 'password', turns authentication on;
		 * without both, anyone who reaches the server may connect (a warning is logged).
		 */
		private @Nullable String username;

		/**
		 * Bcrypt hash of the password (not the password itself), such as '$2b$10$...'.
		 * Checked with spring-security-crypto, which must be on the classpath.
		 */
		private @Nullable String password;

		/**
		 * How long a login session lasts: a UI that reconnects within it needs no
		 * password.
		 */
		private Duration sessionDuration = InMemoryAdminSessionStore.DEFAULT_SESSION_DURATION;

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

		public Duration getSessionDuration() {
			return this.sessionDuration;
		}

		public void setSessionDuration(Duration sessionDuration) {
			this.sessionDuration = sessionDuration;
		}

	}

}
