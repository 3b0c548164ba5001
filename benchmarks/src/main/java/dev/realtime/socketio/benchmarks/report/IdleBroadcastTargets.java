package dev.realtime.socketio.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * S8's targets (issue 25): for each server, the median over the repetitions of the ratio
 * to Node's figure of the same repetition (servers run interleaved, so repetition
 * {@code n} of every server ran at about the same time and load).
 */
final class IdleBroadcastTargets {

	static final String SCENARIO = "S8";

	/** metric -> server -> repetition -> value */
	private final Map<String, Map<String, Map<Integer, Double>>> values = new LinkedHashMap<>();

	void add(String server, int rep, String metric, double value) {
		this.values.computeIfAbsent(metric, (k) -> new LinkedHashMap<>())
			.computeIfAbsent(server, (k) -> new LinkedHashMap<>())
			.put(rep, value);
	}

	boolean isEmpty() {
		return this.values.isEmpty();
	}

	/**
	 * The ratios to Node of the repetitions where both have a finite figure.
	 * @param metric the metric
	 * @param server the server
	 * @return one ratio per paired repetition, in repetition order
	 */
	List<Double> ratios(String metric, String server) {
		Map<String, Map<Integer, Double>> byServer = this.values.getOrDefault(metric, Map.of());
		Map<Integer, Double> ours = byServer.getOrDefault(server, Map.of());
		Map<Integer, Double> node = byServer.getOrDefault(BenchReport.REFERENCE, Map.of());
		List<Double> ratios = new ArrayList<>();
		ours.keySet().stream().sorted().forEach((rep) -> {
			Double a = ours.get(rep);
			Double b = node.get(rep);
			if (a != null && b != null && Double.isFinite(a) && Double.isFinite(b) && b != 0) {
				ratios.add(a / b);
			}
		});
		return ratios;
	}

	/** The Markdown table of S8's targets for every server but Node. */
	String markdown(List<String> servers) {
		StringBuilder md = new StringBuilder("### Targets (issue 25, S8): median of the per-repetition ratios to ")
			.append("`node`\n\n| server | target | per-repetition ratios | median | met |\n|---|---|---|---:|:---:|\n");
		for (String server : servers) {
			if (BenchReport.REFERENCE.equals(server)) {
				continue;
			}
			row(md, server, "RSS per connection ≤ 0.5×", "rss_bytes_per_conn", 0.5);
			row(md, server, "heap per connection (no target)", "heap_bytes_per_conn", Double.NaN);
			row(md, server, "time to the last delivery of the broadcast < 1.0×", "broadcast_ms", 1.0);
			row(md, server, "second broadcast, time to the last delivery (no target)", "broadcast2_ms", Double.NaN);
		}
		return md.append('\n').toString();
	}

	private void row(StringBuilder md, String server, String name, String metric, double bound) {
		List<Double> ratios = ratios(metric, server);
		double median = BenchReport.median(ratios);
		StringBuilder each = new StringBuilder();
		for (double ratio : ratios) {
			each.append((each.length() > 0) ? ", " : "").append(String.format(Locale.ROOT, "%.2f", ratio));
		}
		String met;
		if (Double.isNaN(bound)) {
			met = "–";
		}
		else if (!Double.isFinite(median)) {
			met = "n/a";
		}
		else {
			// "≤ 0.5×" for memory; "sooner than Node" for the broadcast: strictly below 1
			boolean ok = metric.equals("broadcast_ms") ? median < bound : median <= bound;
			met = ok ? "yes" : "**no**";
		}
		md.append("| ")
			.append(server)
			.append(" | ")
			.append(name)
			.append(" | ")
			.append(each.length() > 0 ? each : "n/a")
			.append(" | ")
			.append(Double.isFinite(median) ? String.format(Locale.ROOT, "%.2f×node", median) : "n/a")
			.append(" | ")
			.append(met)
			.append(" |\n");
	}

}
