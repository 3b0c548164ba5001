package dev.realtime.socketio.benchmarks.load;

/**
 * S4: 10 000 idle websocket clients; RSS and heap after GC per connection (the difference
 * to the same server before the clients connected), and the server's idle CPU.
 */
final class IdleMemory implements Scenario {

	@Override
	public void run(LoadContext context, Result result) throws Exception {
		int count = context.scaled(10_000);
		ProcessStats stats = context.stats();
		// A few connections first, so lazily created state does not count per connection
		Connector.Batch warmup = context.connector().open(Math.min(100, count), 100, idle(), (c) -> {
		}, null);
		warmup.await(60);
		warmup.closeAll();
		Thread.sleep(500);
		long heapBefore = stats.heapAfterGcBytes();
		long rssBefore = stats.serverRssBytes();
		Connector.Batch batch = context.connector().open(count, 256, idle(), (c) -> {
		}, null);
		batch.await(300);
		int connected = batch.list().size();
		Thread.sleep(1000);
		long heapAfter = stats.heapAfterGcBytes();
		long rssAfter = stats.serverRssBytes();
		Thread.sleep(500);
		Window idle = Window.start(stats);
		Thread.sleep(context.measureMillis());
		idle.stop();
		result.put("connections", connected)
			.put("heap_bytes_per_conn",
					(heapBefore < 0 || heapAfter < 0) ? Double.NaN : (double) (heapAfter - heapBefore) / connected)
			.put("rss_bytes_per_conn", (double) (rssAfter - rssBefore) / connected)
			.put("heap_after_mb", heapAfter / 1048576.0)
			.put("rss_after_mb", rssAfter / 1048576.0)
			.put("idle_server_cpu_ms_per_s", idle.serverCpuNanos / 1e6 / idle.seconds());
		batch.closeAll();
	}

	private static WsConnection.Listener idle() {
		return new WsConnection.Listener() {
			@Override
			public void onFailed(WsConnection connection, Throwable cause) {
			}
		};
	}

}
