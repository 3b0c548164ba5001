package dev.realtime.socketio.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Runs the adapter's statements ({@code pg_notify}, the attachment inserts, the cleanup)
 * on a thread of its own, never on an event loop: one at a time, in the order they were
 * asked for, so that a node's messages reach the others in the order it sent them. A
 * burst shares one connection of the data source (borrowed for the batch, then given back
 * to its pool); the queue is bounded, and past the bound a statement fails at once.
 */
final class PostgresPublisher implements AutoCloseable {

	/** What a node may queue while Postgres is slow before its messages fail. */
	static final int MAX_QUEUED = 10_000;

	private final DataSource dataSource;

	private final ExecutorService worker;

	private final Queue<Task<?>> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final AtomicBoolean draining = new AtomicBoolean();

	private volatile boolean closed;

	PostgresPublisher(DataSource dataSource) {
		this.dataSource = dataSource;
		this.worker = Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "socketio-postgres-publisher");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Run a statement on the worker.
	 * @param work what to do with a connection
	 * @return its result, once it ran
	 */
	<T> Mono<T> submit(Work<T> work) {
		return Mono.create((sink) -> {
			if (this.closed) {
				sink.error(new PostgresAdapterException("The Postgres adapter was closed"));
				return;
			}
			if (this.queued.incrementAndGet() > MAX_QUEUED) {
				this.queued.decrementAndGet();
				sink.error(new PostgresAdapterException(
						"Postgres is too slow: " + MAX_QUEUED + " statements of the adapter are waiting"));
				return;
			}
			this.queue.add(new Task<>(work, sink));
			schedule();
		});
	}

	private void schedule() {
		if (this.draining.compareAndSet(false, true)) {
			try {
				this.worker.execute(this::drain);
			}
			catch (RuntimeException ex) {
				// closed meanwhile
				this.draining.set(false);
				failQueued(new PostgresAdapterException("The Postgres adapter was closed", ex));
			}
		}
	}

	private void drain() {
		try {
			while (!this.queue.isEmpty()) {
				try (Connection connection = this.dataSource.getConnection()) {
					runQueued(connection);
				}
				catch (SQLException ex) {
					// No connection (Postgres is down): what waits now fails, later ones
					// try
					// again.
					failQueued(new PostgresAdapterException("Could not reach Postgres: " + ex.getMessage(), ex));
				}
			}
		}
		finally {
			this.draining.set(false);
			if (!this.queue.isEmpty()) {
				schedule();
			}
		}
	}

	private void runQueued(Connection connection) throws SQLException {
		if (!connection.getAutoCommit()) {
			connection.setAutoCommit(true);
		}
		Task<?> task;
		while ((task = this.queue.poll()) != null) {
			this.queued.decrementAndGet();
			try {
				task.run(connection);
			}
			catch (SQLException ex) {
				task.fail(new PostgresAdapterException("A statement of the adapter failed: " + ex.getMessage(), ex));
				if (isConnectionError(ex)) {
					throw ex;
				}
			}
		}
	}

	/** SQLSTATE class 08: connection exception; the connection is of no further use. */
	private static boolean isConnectionError(SQLException ex) {
		String state = ex.getSQLState();
		return state == null || state.startsWith("08") || state.startsWith("57P");
	}

	private void failQueued(Throwable error) {
		Task<?> task;
		while ((task = this.queue.poll()) != null) {
			this.queued.decrementAndGet();
			task.fail(error);
		}
	}

	/**
	 * Stop taking statements, and give the queued ones (such as the goodbye of each
	 * namespace) a moment to run.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.worker.shutdown();
		try {
			if (!this.worker.awaitTermination(2, TimeUnit.SECONDS)) {
				this.worker.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.worker.shutdownNow();
		}
		failQueued(new PostgresAdapterException("The Postgres adapter was closed"));
	}

	/** A statement to run with a connection. */
	@FunctionalInterface
	interface Work<T> {

		@Nullable T run(Connection connection) throws SQLException;

	}

	private static final class Task<T> {

		private final Work<T> work;

		private final MonoSink<T> sink;

		Task(Work<T> work, MonoSink<T> sink) {
			this.work = work;
			this.sink = sink;
		}

		void run(Connection connection) throws SQLException {
			@Nullable T result = this.work.run(connection);
			if (result != null) {
				this.sink.success(result);
			}
			else {
				this.sink.success();
			}
		}

		void fail(Throwable error) {
			this.sink.error(error);
		}

	}

}
