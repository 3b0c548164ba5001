package dev.realtime.socketio.admin;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The options of {@link SocketIoAdminUi}, those of the Node {@code instrument()}:
 * <pre class="code">
 * AdminUiOptions options = AdminUiOptions.builder()
 *     .auth(AdminUiAuth.basic("admin", "$2b$10$..."))
 *     .mode(AdminUiMode.PRODUCTION)
 *     .build();
 * </pre>
 *
 * @param namespace the admin namespace ({@code /admin})
 * @param auth the authentication (required: {@link AdminUiAuth#none()} turns it off)
 * @param readonly whether the UI's commands (emit, join, leave, disconnect) are refused
 * @param mode how much the UI is told
 * @param serverId the id of this node in the UI (the host name)
 * @param statsInterval how often {@code server_stats} is sent (2 s, as Node)
 * @param sessionStore where login sessions are kept
 * @since 0.1.0
 */
public record AdminUiOptions(String namespace, AdminUiAuth auth, boolean readonly, AdminUiMode mode,
		@Nullable String serverId, Duration statsInterval, AdminSessionStore sessionStore) {

	/** The default admin namespace. */
	public static final String DEFAULT_NAMESPACE = "/admin";

	/** The default interval of {@code server_stats}. */
	public static final Duration DEFAULT_STATS_INTERVAL = Duration.ofSeconds(2);

	/**
	 * Check the options.
	 * @param namespace the admin namespace
	 * @param auth the authentication
	 * @param readonly whether commands are refused
	 * @param mode how much the UI is told
	 * @param serverId the id of this node
	 * @param statsInterval how often stats are sent
	 * @param sessionStore where login sessions are kept
	 */
	public AdminUiOptions {
		Objects.requireNonNull(namespace, "namespace");
		if (!namespace.startsWith("/")) {
			throw new IllegalArgumentException("The admin namespace must start with '/', not '" + namespace + "'");
		}
		Objects.requireNonNull(auth, "auth: AdminUiAuth.none() turns authentication off explicitly");
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(statsInterval, "statsInterval");
		if (statsInterval.compareTo(Duration.ofMillis(100)) < 0) {
			throw new IllegalArgumentException("The admin stats interval must be at least 100ms, not " + statsInterval);
		}
		Objects.requireNonNull(sessionStore, "sessionStore");
		if (serverId != null && serverId.isBlank()) {
			serverId = null;
		}
	}

	/**
	 * Return a builder with the defaults; {@link Builder#auth} must be set.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds {@link AdminUiOptions}.
	 */
	public static final class Builder {

		private String namespace = DEFAULT_NAMESPACE;

		private @Nullable AdminUiAuth auth;

		private boolean readonly;

		private AdminUiMode mode = AdminUiMode.DEVELOPMENT;

		private @Nullable String serverId;

		private Duration statsInterval = DEFAULT_STATS_INTERVAL;

		private @Nullable AdminSessionStore sessionStore;

		private Builder() {
		}

		/**
		 * Set the admin namespace.
		 * @param namespace the name, {@code /admin} by default
		 * @return this builder
		 */
		public Builder namespace(String namespace) {
			this.namespace = namespace;
			return this;
		}

		/**
		 * Set the authentication; required, as in Node, so that turning it off is a
		 * decision.
		 * @param auth {@link AdminUiAuth#none()} or {@link AdminUiAuth#basic}
		 * @return this builder
		 */
		public Builder auth(AdminUiAuth auth) {
			this.auth = auth;
			return this;
		}

		/**
		 * Refuse the UI's commands.
		 * @param readonly {@code true} for a read-only UI
		 * @return this builder
		 */
		public Builder readonly(boolean readonly) {
			this.readonly = readonly;
			return this;
		}

		/**
		 * Set how much the UI is told.
		 * @param mode {@link AdminUiMode#DEVELOPMENT} by default
		 * @return this builder
		 */
		public Builder mode(AdminUiMode mode) {
			this.mode = mode;
			return this;
		}

		/**
		 * Set the id of this node in the UI.
		 * @param serverId the id, the host name by default
		 * @return this builder
		 */
		public Builder serverId(@Nullable String serverId) {
			this.serverId = serverId;
			return this;
		}

		/**
		 * Set how often {@code server_stats} is sent.
		 * @param statsInterval 2 s by default
		 * @return this builder
		 */
		public Builder statsInterval(Duration statsInterval) {
			this.statsInterval = statsInterval;
			return this;
		}

		/**
		 * Set where login sessions are kept.
		 * @param sessionStore an {@link InMemoryAdminSessionStore} by default
		 * @return this builder
		 */
		public Builder sessionStore(AdminSessionStore sessionStore) {
			this.sessionStore = sessionStore;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 * @throws NullPointerException when {@link #auth} was not set
		 */
		public AdminUiOptions build() {
			AdminSessionStore store = (this.sessionStore != null) ? this.sessionStore : new InMemoryAdminSessionStore();
			return new AdminUiOptions(this.namespace,
					Objects.requireNonNull(this.auth,
							"auth: set AdminUiAuth.basic(..) or AdminUiAuth.none() explicitly"),
					this.readonly, this.mode, this.serverId, this.statsInterval, store);
		}

	}

}
