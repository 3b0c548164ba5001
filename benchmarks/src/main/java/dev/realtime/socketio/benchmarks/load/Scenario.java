package dev.realtime.socketio.benchmarks.load;

/**
 * One load scenario of {@code spec/BENCH-APP.md}; it adds its metrics to the result.
 */
interface Scenario {

	void run(LoadContext context, Result result) throws Exception;

	static Scenario named(String name) {
		return switch (name) {
			case "S1" -> new ConnectStorm();
			case "S2" -> new AckRoundTrip();
			case "S2U" -> new UpgradedAckRoundTrip();
			case "S3" -> new BroadcastFanOut();
			case "S4" -> new IdleMemory();
			case "S5" -> new PollingEcho(true);
			case "S5C" -> new PollingEcho(false);
			case "S6" -> new BinaryEcho();
			case "S7" -> new TwoNodeFanOut("redis");
			case "S7PG" -> new TwoNodeFanOut("postgres");
			case "S8" -> new IdleBroadcast();
			default -> throw new IllegalArgumentException("Unknown scenario " + name);
		};
	}

}
