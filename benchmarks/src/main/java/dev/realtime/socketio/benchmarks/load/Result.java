package dev.realtime.socketio.benchmarks.load;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The metrics of one scenario run against one server, written as one JSON line.
 */
final class Result {

	private final String server;

	private final String scenario;

	private final int rep;

	private final Map<String, Double> metrics = new LinkedHashMap<>();

	Result(String server, String scenario, int rep) {
		this.server = server;
		this.scenario = scenario;
		this.rep = rep;
	}

	Result put(String name, double value) {
		this.metrics.put(name, value);
		return this;
	}

	Map<String, Double> metrics() {
		return this.metrics;
	}

	String toJson() {
		StringBuilder json = new StringBuilder();
		json.append("{\"server\":\"")
			.append(this.server)
			.append("\",\"scenario\":\"")
			.append(this.scenario)
			.append("\",\"rep\":")
			.append(this.rep)
			.append(",\"metrics\":{");
		boolean first = true;
		for (Map.Entry<String, Double> metric : this.metrics.entrySet()) {
			if (!first) {
				json.append(',');
			}
			first = false;
			double value = metric.getValue();
			json.append('"')
				.append(metric.getKey())
				.append("\":")
				.append(Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "null");
		}
		return json.append("}}").toString();
	}

}
