package dev.realtime.socketio.benchmarks.report;

import java.util.List;
import java.util.Locale;

/**
 * The targets of issue 25 for S1 to S5, judged as it asks: for one server against Node,
 * the median over the repetitions of the ratio to Node's figure of the same repetition
 * (servers run interleaved, so repetition {@code n} of every server ran at about the same
 * time and load).
 */
final class DefaultsTargets {

	static final List<String> SCENARIOS = List.of("S1", "S2", "S3", "S4", "S5");

	/** Each target: scenario, metric, name, bound, whether higher is better. */
	private static final List<Target> TARGETS = List.of(
			new Target("S2", "server_cpu_us_per_ack", "S2 server CPU per ack ≤ 0.5×", 0.5, false),
			new Target("S2", "acks_per_s", "S2 acks/s ≥ 1.5×", 1.5, true),
			new Target("S3", "server_cpu_us_per_delivery", "S3 server CPU per delivery ≤ 0.6×", 0.6, false),
			new Target("S3", "paced_p50_ms", "S3 paced p50 latency ≤ 1.0×", 1.0, false),
			new Target("S3", "paced_p99_ms", "S3 paced p99 latency ≤ 1.0×", 1.0, false),
			new Target("S4", "heap_bytes_per_conn", "S4 heap per idle connection ≤ 0.4×", 0.4, false),
			new Target("S5", "echoes_per_s", "S5 polling echoes/s ≥ 1.5×", 1.5, true),
			new Target("S5", "server_cpu_us_per_echo", "S5 server CPU per echo ≤ 0.8×", 0.8, false),
			new Target("S1", "conn_per_s_1000", "S1 connections/s (1 000) ≥ 1.0×", 1.0, true),
			new Target("S1", "conn_per_s_5000", "S1 connections/s (5 000) ≥ 1.0×", 1.0, true));

	/** Keyed by "scenario/metric", so that one store holds every scenario. */
	private final IdleBroadcastTargets values = new IdleBroadcastTargets();

	void add(String scenario, String server, int rep, String metric, double value) {
		if (SCENARIOS.contains(scenario)) {
			this.values.add(server, rep, scenario + "/" + metric, value);
		}
	}

	/** The Markdown table for one server against Node, or "" without data. */
	String markdown(String ours) {
		if (this.values.isEmpty()) {
			return "";
		}
		StringBuilder md = new StringBuilder("### Targets (issue 25), for `").append(ours)
			.append("` against `node`: median of the per-repetition ratios\n\n")
			.append("| target | per-repetition ratios | median | met |\n|---|---|---:|:---:|\n");
		for (Target target : TARGETS) {
			List<Double> ratios = this.values.ratios(target.scenario() + "/" + target.metric(), ours);
			double median = BenchReport.median(ratios);
			StringBuilder each = new StringBuilder();
			for (double ratio : ratios) {
				each.append((each.length() > 0) ? ", " : "").append(String.format(Locale.ROOT, "%.2f", ratio));
			}
			String met = !Double.isFinite(median) ? "n/a"
					: ((target.higherIsBetter() ? median >= target.bound() : median <= target.bound()) ? "yes"
							: "**no**");
			md.append("| ")
				.append(target.name())
				.append(" | ")
				.append((each.length() > 0) ? each : "n/a")
				.append(" | ")
				.append(Double.isFinite(median) ? String.format(Locale.ROOT, "%.2f×node", median) : "n/a")
				.append(" | ")
				.append(met)
				.append(" |\n");
		}
		return md.toString();
	}

	private record Target(String scenario, String metric, String name, double bound, boolean higherIsBetter) {
	}

}
