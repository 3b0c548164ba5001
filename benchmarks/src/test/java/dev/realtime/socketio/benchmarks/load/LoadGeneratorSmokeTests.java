package dev.realtime.socketio.benchmarks.load;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.netty.DisposableServer;

import dev.realtime.socketio.benchmarks.server.EngineBenchServer;
import dev.realtime.socketio.benchmarks.server.ServerArguments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every scenario for about a second at a tiny scale against the engine variant of
 * the bench server: proves the generator and the contract work, measures nothing.
 */
class LoadGeneratorSmokeTests {

	private static DisposableServer server;

	@BeforeAll
	static void startServer() {
		server = EngineBenchServer.start(new ServerArguments("127.0.0.1", 0));
	}

	@AfterAll
	static void stopServer() {
		server.disposeNow();
	}

	@ParameterizedTest
	@CsvSource({ "S1, conn_per_s_5000", "S2, acks_per_s", "S2U, acks_per_s", "S3, deliveries_per_s", "S4, connections",
			"S5, echoes_per_s", "S5C, echoes_per_s", "S6, echoes_per_s", "S8, broadcast_ms" })
	void scenarioRunsAgainstTheEngineBenchServer(String scenario, String metric) throws Exception {
		String json = LoadGenerator.run(Map.of("scenario", scenario, "port", Integer.toString(server.port()), "server",
				"engine", "pid", Long.toString(ProcessHandle.current().pid()), "kind", "jvm", "scale", "0.005",
				"warmup", "0.3", "measure", "0.7"));
		assertThat(json).startsWith("{\"server\":\"engine\",\"scenario\":\"" + scenario + "\"");
		assertThat(json).doesNotContain("\"" + metric + "\":null").doesNotContain("\"" + metric + "\":0.0000");
	}

}
