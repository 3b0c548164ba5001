package dev.realtime.socketio.benchmarks.load;

/**
 * A scenario whose clients each send their next request as soon as the previous one is
 * answered (S2, S5, S6): latencies are recorded during the measured window only, and the
 * clients stop sending at its end.
 */
abstract class ClosedLoopScenario implements Scenario {

	private final Latencies latencies = new Latencies();

	private volatile boolean recording;

	private volatile long stopAt = Long.MAX_VALUE;

	/**
	 * Record a round trip that ended now, if the measured window is open.
	 * @param startedAt when the request was sent ({@link System#nanoTime()})
	 * @param now when its answer arrived
	 * @return whether the client should send its next request
	 */
	protected final boolean completed(long startedAt, long now) {
		if (this.recording) {
			this.latencies.record(now - startedAt);
		}
		return now < this.stopAt;
	}

	/**
	 * Return whether the clients should go on sending.
	 * @return {@code false} once the measured window has ended
	 */
	protected final boolean running() {
		return System.nanoTime() < this.stopAt;
	}

	/**
	 * Let the running clients warm up, measure a window, then stop them and let the
	 * requests in flight drain.
	 * @param context the run
	 * @param drainMillis how long to wait for the requests in flight
	 * @return the window and the latencies recorded in it
	 */
	protected final Measurement measure(LoadContext context, long drainMillis) throws InterruptedException {
		Thread.sleep(context.warmupMillis());
		this.recording = true;
		Window window = Window.start(context.stats());
		Thread.sleep(context.measureMillis());
		this.recording = false;
		window.stop();
		this.stopAt = System.nanoTime();
		Thread.sleep(drainMillis);
		return new Measurement(window, this.latencies.snapshot());
	}

	/**
	 * What a measured window gave.
	 *
	 * @param window the window, with CPU figures
	 * @param latencies the round trips completed in it
	 */
	record Measurement(Window window, Latencies.Snapshot latencies) {
	}

}
