package dev.realtime.socketio.benchmarks.report;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The report of an S7-only run (two nodes of each server on one Redis): medians, ratios to
 * Node, no targets table and a chart with the S7 headline groups only.
 */
class BenchReportTests {

	@TempDir
	Path dir;

	@Test
	void reportsTheRatiosOfATwoNodeRun() throws Exception {
		Path results = this.dir.resolve("results.jsonl");
		Files.writeString(results, String.join("\n",
				line("spring", 1, 90000, 10.0, 0), line("node", 1, 60000, 20.0, 0), line("node", 2, 50000, 24.0, 0),
				line("spring", 2, 110000, 12.0, 3), "not a result line", line("node", 3, 40000, 22.0, 0),
				line("spring", 3, 100000, 11.0, 0)));
		BenchReport report = new BenchReport();
		report.read(results);

		assertThat(report.serverOrder()).containsExactly("spring", "node");
		assertThat(report.median("S7", "deliveries_per_s", "spring")).isEqualTo(100000.0);
		assertThat(report.ratio("S7", "deliveries_per_s", "spring")).isEqualTo(2.0);
		assertThat(report.ratio("S7", "server_cpu_us_per_delivery", "spring")).isCloseTo(0.5, within(1e-9));
		assertThat(report.median("S7", "burst_duplicated", "spring")).isEqualTo(0.0);
		assertThat(report.median("S7", "redis_cpu_us_per_message", "spring")).isNaN();
		String markdown = report.markdown();
		assertThat(markdown).contains("### S7 two-node Redis fan-out")
			.contains("| `deliveries_per_s` | **100,000**<br>[90,000–110,000]<br>2.00×node | **50,000**")
			.doesNotContain("### Targets");
		assertThat(report.svg()).contains("S7 deliveries_per_s").doesNotContain("S2 acks_per_s");
	}

	private static String line(String server, int rep, double deliveries, double cpu, int duplicated) {
		return "{\"server\":\"" + server + "\",\"scenario\":\"S7\",\"rep\":" + rep + ",\"metrics\":{\"receivers\":2000.0000,"
				+ "\"deliveries_per_s\":" + deliveries + ",\"server_cpu_us_per_delivery\":" + cpu
				+ ",\"redis_cpu_us_per_message\":null,\"burst_duplicated\":" + duplicated + ".0000}}";
	}

}
