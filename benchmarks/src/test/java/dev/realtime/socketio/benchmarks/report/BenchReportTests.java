package dev.realtime.socketio.benchmarks.report;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The report: medians and ratios to Node of an S7-only run (two nodes of each server on
 * one Redis, no targets table), S7 and S7PG (on Postgres) apart, and the targets table's
 * check of the Spring layer.
 */
class BenchReportTests {

	@TempDir
	Path dir;

	@Test
	void reportsTheRatiosOfATwoNodeRun() throws Exception {
		Path results = this.dir.resolve("results.jsonl");
		Files.writeString(results,
				String.join("\n", line("spring", 1, 90000, 10.0, 0), line("node", 1, 60000, 20.0, 0),
						line("node", 2, 50000, 24.0, 0), line("spring", 2, 110000, 12.0, 3), "not a result line",
						line("node", 3, 40000, 22.0, 0), line("spring", 3, 100000, 11.0, 0)));
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

	@Test
	void reportsTheTwoBrokersApart() throws Exception {
		Path results = this.dir.resolve("results.jsonl");
		Files.writeString(results,
				String.join("\n", line("spring", 1, 90000, 10.0, 0), line("node", 1, 60000, 20.0, 0),
						line("spring", 1, 30000, 15.0, 0).replace("\"S7\"", "\"S7PG\""),
						line("node", 1, 20000, 30.0, 0).replace("\"S7\"", "\"S7PG\"")));
		BenchReport report = new BenchReport();
		report.read(results);

		assertThat(report.ratio("S7", "deliveries_per_s", "spring")).isEqualTo(1.5);
		assertThat(report.ratio("S7PG", "deliveries_per_s", "spring")).isEqualTo(1.5);
		assertThat(report.median("S7PG", "server_cpu_us_per_delivery", "node")).isEqualTo(30.0);
		assertThat(report.markdown()).contains("### S7 two-node Redis fan-out", "### S7PG two-node Postgres fan-out");
		assertThat(report.svg()).contains("S7 deliveries_per_s", "S7PG deliveries_per_s");
	}

	@Test
	void judgesTheSpringLayerByWhatItCostsOverTheEngine() throws Exception {
		Path results = this.dir.resolve("results.jsonl");
		Files.writeString(results, String.join("\n", s2("spring", 10.5, 95000), s2("engine", 10.0, 100000),
				s2("node", 20.0, 50000), s5("spring", 40.0), s5("engine", 56.0), s5("node", 90.0),
				"{\"server\":\"spring\",\"scenario\":\"S3\",\"rep\":1,\"metrics\":{\"server_cpu_us_per_delivery\":4.0}}",
				"{\"server\":\"engine\",\"scenario\":\"S3\",\"rep\":1,\"metrics\":{\"server_cpu_us_per_delivery\":3.0}}"));
		BenchReport report = new BenchReport();
		report.read(results);

		assertThat(report.markdown()).contains("### Targets (issue 25), for `spring`")
			.contains("| Spring at most 10% worse than engine: S2 server_cpu_us_per_ack | 1.05×engine | yes |")
			.contains("| Spring at most 10% worse than engine: S2 acks_per_s | 0.95×engine | yes |")
			.contains("| Spring at most 10% worse than engine: S3 server_cpu_us_per_delivery | 1.33×engine | **no** |")
			.contains(
					"| Spring at most 10% worse than engine: S5 server_cpu_us_per_echo | 0.71×engine | yes (Spring ahead: noise) |");
	}

	@Test
	void judgesTheDefaultsTargetsByTheMedianOfPerRepetitionRatios() throws Exception {
		Path results = this.dir.resolve("results.jsonl");
		Files.writeString(results,
				String.join("\n", s2("spring", 10.0, 100000), s2("node", 20.0, 50000),
						s2("spring", 12.0, 60000).replace("\"rep\":1", "\"rep\":2"),
						s2("node", 18.0, 50000).replace("\"rep\":1", "\"rep\":2"),
						s2("spring", 8.0, 90000).replace("\"rep\":1", "\"rep\":3"),
						s2("node", 10.0, 45000).replace("\"rep\":1", "\"rep\":3")));
		BenchReport report = new BenchReport();
		report.read(results);

		// CPU ratios 0.50, 0.67, 0.80 (median 0.67, though the ratio of medians is 0.56);
		// acks/s 2.00, 1.20, 2.00
		assertThat(report.markdown()).contains("### Targets (issue 25), for `spring`")
			.contains("| S2 server CPU per ack ≤ 0.5× | 0.50, 0.67, 0.80 | 0.67×node | **no** |")
			.contains("| S2 acks/s ≥ 1.5× | 2.00, 1.20, 2.00 | 2.00×node | yes |")
			.contains("| S4 heap per idle connection ≤ 0.4× | n/a | n/a | n/a |");
	}

	@Test
	void judgesS8ByTheMedianOfPerRepetitionRatios() throws Exception {
		Path results = this.dir.resolve("results.jsonl");
		Files.writeString(results,
				String.join("\n", s8("spring", 1, 4000, 500), s8("node", 1, 10000, 400), s8("node", 2, 12000, 600),
						s8("spring", 2, 4800, 480), s8("spring", 3, 9000, 300), s8("node", 3, 10000, 500)));
		BenchReport report = new BenchReport();
		report.read(results);

		// RSS ratios 0.40, 0.40, 0.90; broadcast ratios 1.25, 0.80, 0.60
		assertThat(report.markdown()).contains("### S8 many idle WebSocket connections")
			.contains("| spring | RSS per connection ≤ 0.5× | 0.40, 0.40, 0.90 | 0.40×node | yes |")
			.contains(
					"| spring | time to the last delivery of the broadcast < 1.0× | 1.25, 0.80, 0.60 | 0.80×node | yes |");
	}

	private static String s8(String server, int rep, double rss, double broadcast) {
		return "{\"server\":\"" + server + "\",\"scenario\":\"S8\",\"rep\":" + rep
				+ ",\"metrics\":{\"rss_bytes_per_conn\":" + rss + ",\"broadcast_ms\":" + broadcast + "}}";
	}

	private static String s2(String server, double cpu, double acks) {
		return "{\"server\":\"" + server + "\",\"scenario\":\"S2\",\"rep\":1,\"metrics\":{\"acks_per_s\":" + acks
				+ ",\"server_cpu_us_per_ack\":" + cpu + "}}";
	}

	private static String s5(String server, double cpu) {
		return "{\"server\":\"" + server + "\",\"scenario\":\"S5\",\"rep\":1,\"metrics\":{\"server_cpu_us_per_echo\":"
				+ cpu + "}}";
	}

	private static String line(String server, int rep, double deliveries, double cpu, int duplicated) {
		return "{\"server\":\"" + server + "\",\"scenario\":\"S7\",\"rep\":" + rep
				+ ",\"metrics\":{\"receivers\":2000.0000," + "\"deliveries_per_s\":" + deliveries
				+ ",\"server_cpu_us_per_delivery\":" + cpu + ",\"redis_cpu_us_per_message\":null,\"burst_duplicated\":"
				+ duplicated + ".0000}}";
	}

}
