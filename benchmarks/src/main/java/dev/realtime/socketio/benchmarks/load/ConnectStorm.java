package dev.realtime.socketio.benchmarks.load;

/**
 * S1: after storms of 1 000 for the warm-up time, 1 000 then 5 000 websocket-only
 * connections, at most 256 handshakes in flight; connections/s, connect latency p50/p99,
 * server CPU per connection. A connection counts once the Socket.IO CONNECT reply
 * arrives.
 */
final class ConnectStorm implements Scenario {

	private static final int IN_FLIGHT = 256;

	@Override
	public void run(LoadContext context, Result result) throws Exception {
		Connector connector = context.connector();
		WsConnection.Listener none = new WsConnection.Listener() {
			@Override
			public void onFailed(WsConnection connection, Throwable cause) {
			}
		};
		// Warm-up: the same storm, smaller, not recorded, repeated for the warm-up time
		// as in every
		// other scenario. One storm of 1 000 left the JVM servers compiling their
		// handshake path
		// during the measured storms.
		long warmupEnd = System.nanoTime() + (long) (context.warmupSeconds() * 1e9);
		do {
			Connector.Batch warmup = connector.open(context.scaled(1000), IN_FLIGHT, none, (c) -> {
			}, null);
			warmup.await(120);
			warmup.closeAll();
		}
		while (System.nanoTime() < warmupEnd);
		Thread.sleep(500);
		for (int size : new int[] { 1000, 5000 }) {
			int count = context.scaled(size);
			Latencies latencies = new Latencies();
			Window window = Window.start(context.stats());
			Connector.Batch batch = connector.open(count, IN_FLIGHT, none, (c) -> {
			}, latencies);
			batch.await(300);
			window.stop();
			Latencies.Snapshot snapshot = latencies.snapshot();
			int connected = snapshot.count();
			result.put("conn_per_s_" + size, window.rate(connected))
				.put("connect_p50_ms_" + size, snapshot.percentileMillis(50))
				.put("connect_p99_ms_" + size, snapshot.percentileMillis(99))
				.put("server_cpu_us_per_conn_" + size, window.serverMicrosPer(connected))
				.put("gen_cpu_us_per_conn_" + size, window.generatorMicrosPer(connected))
				.put("failed_" + size, batch.failures.get());
			batch.closeAll();
			Thread.sleep(1000);
		}
	}

}
