package dev.realtime.socketio.benchmarks.load;

/**
 * A measured window: wall time, server CPU and generator CPU between {@link #start} and
 * {@link #stop}.
 */
final class Window {

	private final ProcessStats stats;

	private final long startWall;

	private final long startServerCpu;

	private final long startGeneratorCpu;

	long wallNanos;

	long serverCpuNanos;

	long generatorCpuNanos;

	private Window(ProcessStats stats) {
		this.stats = stats;
		this.startServerCpu = stats.serverCpuNanos();
		this.startGeneratorCpu = ProcessStats.generatorCpuNanos();
		this.startWall = System.nanoTime();
	}

	static Window start(ProcessStats stats) {
		return new Window(stats);
	}

	Window stop() {
		return stopAt(System.nanoTime());
	}

	/** Stop with the wall clock at the given {@code System.nanoTime()}. */
	Window stopAt(long endWall) {
		this.wallNanos = endWall - this.startWall;
		this.serverCpuNanos = this.stats.serverCpuNanos() - this.startServerCpu;
		this.generatorCpuNanos = ProcessStats.generatorCpuNanos() - this.startGeneratorCpu;
		return this;
	}

	long startWall() {
		return this.startWall;
	}

	double seconds() {
		return this.wallNanos / 1e9;
	}

	/** Operations per second over the window. */
	double rate(long operations) {
		return operations / seconds();
	}

	/** Server CPU microseconds per operation. */
	double serverMicrosPer(long operations) {
		return (operations == 0) ? Double.NaN : this.serverCpuNanos / 1e3 / operations;
	}

	/** Generator CPU microseconds per operation. */
	double generatorMicrosPer(long operations) {
		return (operations == 0) ? Double.NaN : this.generatorCpuNanos / 1e3 / operations;
	}

}
