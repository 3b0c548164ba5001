package dev.realtime.socketio.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * The dedicated connection that {@code LISTEN}s on the namespaces' channels, on a thread
 * of its own: it waits for notifications with a short timeout (so that channels added
 * meanwhile are listened to soon), checks now and then that the connection is alive, and
 * when it is lost (Postgres restarted, the network went away) opens a new one after a
 * random delay around the reconnect delay, listening again on every channel.
 */
final class PostgresListener implements AutoCloseable {

	private static final Logger logger = Loggers.getLogger(PostgresListener.class);

	private static final int POLL_MILLIS = 250;

	private static final long LIVENESS_CHECK_NANOS = Duration.ofSeconds(5).toNanos();

	private final DataSource dataSource;

	private final Duration reconnectDelay;

	private final Callback callback;

	private final Set<String> channels = ConcurrentHashMap.newKeySet();

	private final Queue<Change> changes = new ConcurrentLinkedQueue<>();

	private final Thread thread;

	private final Object sleeper = new Object();

	private volatile boolean connected;

	private volatile boolean closed;

	/** Whether the connection was lost since the last time it was open. */
	private volatile boolean outage;

	PostgresListener(DataSource dataSource, Duration reconnectDelay, Callback callback) {
		this.dataSource = dataSource;
		this.reconnectDelay = reconnectDelay;
		this.callback = callback;
		this.thread = new Thread(this::run, "socketio-postgres-listener");
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	boolean isConnected() {
		return this.connected;
	}

	/** Whether the connection was lost and is not back yet (not before the first one). */
	boolean isDown() {
		return this.outage;
	}

	void listen(String channel) {
		if (this.channels.add(channel)) {
			this.changes.add(new Change(channel, true));
		}
	}

	void unlisten(String channel) {
		if (this.channels.remove(channel)) {
			this.changes.add(new Change(channel, false));
		}
	}

	private void run() {
		long lostAt = 0;
		while (!this.closed) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				PGConnection postgres = connection.unwrap(PGConnection.class);
				this.changes.clear();
				for (String channel : this.channels) {
					execute(connection, "LISTEN " + quote(channel));
				}
				this.connected = true;
				if (this.outage) {
					this.outage = false;
					logger.info("Socket.IO Postgres adapter is listening again on " + this.channels.size()
							+ " channel(s) after " + Duration.ofNanos(System.nanoTime() - lostAt).toMillis()
							+ " ms; notifications sent meanwhile were missed");
				}
				this.callback.onListening(this.channels, true);
				poll(connection, postgres);
			}
			catch (SQLException | RuntimeException ex) {
				if (this.closed) {
					break;
				}
				boolean wasConnected = this.connected;
				this.connected = false;
				if (wasConnected || !this.outage) {
					lostAt = System.nanoTime();
					logger.warn("Socket.IO Postgres adapter " + (wasConnected ? "lost" : "could not open")
							+ " its LISTEN connection (" + ex.getMessage() + "); this node's sockets still get "
							+ "its broadcasts, the other nodes' are missed until it reconnects (every ~"
							+ this.reconnectDelay.toMillis() + " ms)");
					this.outage = true;
					this.callback.onLost(ex);
				}
				else {
					logger.debug("Socket.IO Postgres adapter could not reconnect yet: " + ex.getMessage());
				}
				pause();
			}
		}
		this.connected = false;
	}

	private void poll(Connection connection, PGConnection postgres) throws SQLException {
		long lastCheck = System.nanoTime();
		while (!this.closed) {
			applyChanges(connection);
			@Nullable PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
			if (notifications != null) {
				for (PGNotification notification : notifications) {
					if (notification != null) {
						this.callback.onNotification(notification.getName(), notification.getParameter(), connection);
					}
				}
				lastCheck = System.nanoTime();
			}
			else if (System.nanoTime() - lastCheck > LIVENESS_CHECK_NANOS) {
				// A silent network drop shows no error until the connection is used.
				execute(connection, "SELECT 1");
				lastCheck = System.nanoTime();
			}
		}
	}

	private void applyChanges(Connection connection) throws SQLException {
		Change change;
		while ((change = this.changes.poll()) != null) {
			execute(connection, (change.listen() ? "LISTEN " : "UNLISTEN ") + quote(change.channel()));
			if (change.listen()) {
				this.callback.onListening(Set.of(change.channel()), false);
			}
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/** A channel name as a quoted identifier, as Node's {@code LISTEN "<channel>"}. */
	static String quote(String channel) {
		return "\"" + channel.replace("\"", "\"\"") + "\"";
	}

	private void pause() {
		long mean = this.reconnectDelay.toMillis();
		long delay = (long) (mean * (0.5 + ThreadLocalRandom.current().nextDouble()));
		synchronized (this.sleeper) {
			try {
				if (!this.closed) {
					this.sleeper.wait(Math.max(1, delay));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.closed = true;
			}
		}
	}

	@Override
	public void close() {
		this.closed = true;
		synchronized (this.sleeper) {
			this.sleeper.notifyAll();
		}
		try {
			this.thread.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Change(String channel, boolean listen) {
	}

	/** What the listener tells the adapters. */
	interface Callback {

		/**
		 * A notification arrived; runs on the listener's thread, which may use the
		 * connection (to read an attachment) before it returns.
		 */
		void onNotification(String channel, String payload, Connection connection) throws SQLException;

		/**
		 * The listener listens on these channels now.
		 * @param channels the channels
		 * @param connected whether it just (re)connected, rather than added a channel
		 */
		void onListening(Set<String> channels, boolean connected);

		/** The connection was lost, or could not be opened. */
		void onLost(Throwable error);

	}

}
