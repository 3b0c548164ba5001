package dev.realtime.socketio.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.realtime.socketio.server.adapter.AdapterContext;
import dev.realtime.socketio.server.adapter.SocketIoAdapter;
import dev.realtime.socketio.server.adapter.SocketIoAdapterFactory;
import dev.realtime.socketio.server.adapter.SocketIoAdapterHealth;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates the {@link PostgresAdapter} of each namespace, all sharing one listening
 * connection (its own thread waits for notifications) and a worker thread that runs the
 * {@code NOTIFY}s and attachment inserts with connections of the given {@link DataSource}
 * (the application's pool, typically), so no JDBC call runs on an event loop. The first
 * Postgres adapter that a Node process creates with {@code createAdapter(pool)} does the
 * same with its {@code pg.Pool}.
 * <p>
 * It creates the attachment table when missing (unless told not to), deletes attachments
 * older than the cleanup interval at that interval, and reconnects the listening
 * connection when it is lost. Close it after the server.
 *
 * <pre class="code">
 * PostgresAdapterFactory postgres = PostgresAdapterFactory.create(dataSource);
 * SocketIoServer io = SocketIoServer.create(SocketIoServerOptions.builder().adapterFactory(postgres).build());
 * // on shutdown: io.close(), then postgres.close()
 * </pre>
 *
 * @since 0.1.0
 */
public final class PostgresAdapterFactory implements SocketIoAdapterFactory, SocketIoAdapterHealth, AutoCloseable {

	private static final Logger logger = Loggers.getLogger(PostgresAdapterFactory.class);

	private final PostgresAdapterOptions options;

	private final PostgresPublisher publisher;

	private final PostgresListener listener;

	private final Map<String, PostgresAdapter> adapters = new ConcurrentHashMap<>();

	private final Disposable cleanup;

	private final String insertSql;

	private final String selectSql;

	private final PostgresAdapterStatistics statistics = new PostgresAdapterStatistics();

	private PostgresAdapterFactory(DataSource dataSource, PostgresAdapterOptions options) {
		this.options = options;
		String table = options.tableName();
		this.insertSql = "INSERT INTO " + table + " (payload) VALUES (?) RETURNING id";
		this.selectSql = "SELECT payload FROM " + table + " WHERE id = ?";
		this.publisher = new PostgresPublisher(dataSource);
		this.listener = new PostgresListener(dataSource, options.reconnectDelay(), new Dispatcher());
		if (options.createTable()) {
			String ddl = "CREATE TABLE IF NOT EXISTS " + table
					+ " (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)";
			this.publisher.submit((connection) -> execute(connection, ddl))
				.subscribe(null, (error) -> logger.warn("Socket.IO Postgres adapter could not create the table " + table
						+ " (payloads over " + options.payloadThreshold() + " bytes need it): " + error));
		}
		long interval = options.cleanupInterval().toMillis();
		String delete = "DELETE FROM " + table + " WHERE created_at < now() - interval '" + interval + " milliseconds'";
		this.cleanup = Schedulers.parallel()
			.schedulePeriodically(
					() -> this.publisher.submit((connection) -> execute(connection, delete))
						.subscribe(null,
								(error) -> logger
									.debug("Socket.IO Postgres adapter could not delete old attachments: " + error)),
					interval, interval, TimeUnit.MILLISECONDS);
		this.listener.start();
	}

	/**
	 * Create a factory with the defaults of the Node adapter.
	 * @param dataSource where the connections come from: the application's pool, or any
	 * data source of a Postgres database
	 * @return the factory
	 */
	public static PostgresAdapterFactory create(DataSource dataSource) {
		return create(dataSource, PostgresAdapterOptions.defaults());
	}

	/**
	 * Create a factory.
	 * @param dataSource where the connections come from; one of them stays open to listen
	 * @param options the settings
	 * @return the factory
	 */
	public static PostgresAdapterFactory create(DataSource dataSource, PostgresAdapterOptions options) {
		Objects.requireNonNull(dataSource, "dataSource");
		Objects.requireNonNull(options, "options");
		return new PostgresAdapterFactory(dataSource, options);
	}

	@Override
	public SocketIoAdapter create(AdapterContext context) {
		PostgresAdapter adapter = new PostgresAdapter(context, this, this.options);
		@Nullable PostgresAdapter previous = this.adapters.put(adapter.channel(), adapter);
		adapter.begin();
		this.listener.listen(adapter.channel());
		if (previous != null && this.listener.isConnected()) {
			// already listened to: no new LISTEN will announce it
			adapter.reannounce();
		}
		return adapter;
	}

	/**
	 * Return the settings.
	 * @return the options
	 */
	public PostgresAdapterOptions options() {
		return this.options;
	}

	/**
	 * Return what the adapter sent and received so far, for metrics.
	 * @return the counters
	 */
	public PostgresAdapterStatistics statistics() {
		return this.statistics;
	}

	/**
	 * Return whether the listening connection is open.
	 * @return {@code true} while connected
	 */
	@Override
	public boolean isConnected() {
		return this.listener.isConnected();
	}

	@Override
	public String description() {
		return "postgres";
	}

	Mono<Void> publish(String channel, ObjectNode message) {
		if (this.listener.isDown()) {
			this.statistics.publishFailed();
			return Mono.error(new PostgresAdapterException(
					"Postgres is unreachable (the adapter is reconnecting): could not notify " + channel));
		}
		@Nullable String inline = PostgresMessages.inline(message, this.options.payloadThreshold());
		Mono<Void> sent;
		if (inline != null) {
			sent = this.publisher.submit((connection) -> notify(connection, channel, inline));
		}
		else {
			byte[] attachment = PostgresMessages.attachment(message);
			sent = this.publisher.submit((connection) -> {
				long id = insert(connection, attachment);
				this.statistics.attachmentWritten();
				return notify(connection, channel, PostgresMessages.header(message, id));
			});
		}
		return sent.doOnSuccess((done) -> this.statistics.notificationSent())
			.doOnError((error) -> this.statistics.publishFailed());
	}

	void remove(PostgresAdapter adapter) {
		if (this.adapters.remove(adapter.channel(), adapter)) {
			this.listener.unlisten(adapter.channel());
		}
	}

	private static @Nullable Void notify(Connection connection, String channel, String payload) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
			statement.setString(1, channel);
			statement.setString(2, payload);
			statement.execute();
		}
		return null;
	}

	private long insert(Connection connection, byte[] payload) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(this.insertSql)) {
			statement.setBytes(1, payload);
			try (ResultSet result = statement.executeQuery()) {
				if (!result.next()) {
					throw new SQLException("The insert of an attachment returned no id", "22000");
				}
				return result.getLong(1);
			}
		}
	}

	private static @Nullable Void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		return null;
	}

	/**
	 * Stop listening and publishing. Close the server first, so that each namespace's
	 * goodbye to the other nodes is sent.
	 */
	@Override
	public void close() {
		this.cleanup.dispose();
		this.publisher.close();
		this.listener.close();
	}

	/** Hands what the listener receives to the adapter of its channel. */
	private final class Dispatcher implements PostgresListener.Callback {

		@Override
		public void onNotification(String channel, String payload, Connection connection) throws SQLException {
			@Nullable PostgresAdapter adapter = PostgresAdapterFactory.this.adapters.get(channel);
			if (adapter == null) {
				return;
			}
			PostgresAdapterFactory.this.statistics.notificationReceived();
			JsonNode notification;
			try {
				notification = PostgresMessages.parse(payload);
			}
			catch (RuntimeException ex) {
				logger.debug("Socket.IO Postgres adapter ignored a malformed notification on " + channel + ": " + ex);
				return;
			}
			long attachmentId = PostgresMessages.attachmentId(notification);
			JsonNode message = notification;
			if (attachmentId >= 0) {
				if (adapter.uid().equals(notification.path("uid").asString(""))) {
					return;
				}
				@Nullable JsonNode attached = readAttachment(connection, attachmentId);
				if (attached == null) {
					return;
				}
				message = attached;
			}
			// The Node emitter leaves the namespace out: it is the channel's.
			if (message instanceof ObjectNode object && !object.has("nsp")) {
				object.put("nsp", adapter.namespaceName());
			}
			adapter.receive(message);
		}

		private @Nullable JsonNode readAttachment(Connection connection, long id) throws SQLException {
			try (PreparedStatement statement = connection.prepareStatement(PostgresAdapterFactory.this.selectSql)) {
				statement.setLong(1, id);
				try (ResultSet result = statement.executeQuery()) {
					if (!result.next()) {
						logger.debug("Socket.IO Postgres adapter found no attachment " + id + " (deleted already?)");
						return null;
					}
					PostgresAdapterFactory.this.statistics.attachmentRead();
					return PostgresMessages.decodeAttachment(result.getBytes(1));
				}
			}
			catch (SQLException ex) {
				String state = ex.getSQLState();
				if (state == null || state.startsWith("08") || state.startsWith("57P")) {
					throw ex;
				}
				logger.warn("Socket.IO Postgres adapter could not read attachment " + id + ": " + ex.getMessage());
				return null;
			}
			catch (RuntimeException ex) {
				logger.debug("Socket.IO Postgres adapter ignored a malformed attachment " + id + ": " + ex);
				return null;
			}
		}

		@Override
		public void onListening(Set<String> channels, boolean connected) {
			if (connected) {
				PostgresAdapterFactory.this.statistics.connected();
			}
			for (String channel : channels) {
				@Nullable PostgresAdapter adapter = PostgresAdapterFactory.this.adapters.get(channel);
				if (adapter != null) {
					adapter.reannounce();
				}
			}
		}

		@Override
		public void onLost(Throwable error) {
			for (PostgresAdapter adapter : PostgresAdapterFactory.this.adapters.values()) {
				adapter.transportLost("Lost the LISTEN connection to Postgres while waiting for the answers of the "
						+ "other nodes: " + error.getMessage());
			}
		}

	}

}
