package dev.realtime.socketio.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.realtime.socketio.testsupport.FailingLeakDetector;
import io.netty.util.ResourceLeakDetector;

/**
 * The figures of a soak run, printed and written to {@code soak-report.txt}.
 *
 * @param run the measured cycles
 * @param warmupCycles cycles run before the starting snapshot
 * @param concurrency cycles in flight
 * @param before the snapshot after the warm-up
 * @param after the snapshot after the run
 * @param sessions Engine.IO sessions left after the run
 * @param sockets sockets left in the main namespace after the run
 * @param rooms rooms left in the main namespace after the run
 * @param leaks Netty leak reports recorded during the test
 * @param heapTolerance how much the heap may grow, as a fraction of the starting level
 * @param threadTolerance how many threads may be added
 * @param growingClasses the classes whose live objects grew most during the run
 */
record SoakReport(SoakRun run, int warmupCycles, int concurrency, JvmSnapshot before, JvmSnapshot after, int sessions,
		int sockets, int rooms, int leaks, double heapTolerance, int threadTolerance, List<String> growingClasses) {

	/**
	 * Return the growth of the used heap after collection, as a fraction of the starting
	 * level.
	 * @return the growth (negative when the heap shrank)
	 */
	double heapGrowth() {
		return (double) (this.after.heapUsed() - this.before.heapUsed()) / this.before.heapUsed();
	}

	/**
	 * Return the report as text.
	 * @return the lines of the report
	 */
	String format() {
		Duration duration = this.run.duration();
		double seconds = duration.toMillis() / 1000.0;
		StringBuilder text = new StringBuilder();
		text.append("Socket.IO soak: connect / emit with ack / disconnect cycles against one server\n");
		line(text, "cycles", "%d (%d polling, %d websocket), %d in flight, after %d warm-up cycles", this.run.cycles(),
				this.run.pollingCycles(), this.run.webSocketCycles(), this.concurrency, this.warmupCycles);
		line(text, "failed cycles", "%d", this.run.failures());
		line(text, "duration", "%.1f s (%.0f cycles/s)", seconds, this.run.cycles() / Math.max(seconds, 0.001));
		line(text, "mean cycle time", "%d ms polling, %d ms websocket", this.run.pollingCycleTime().toMillis(),
				this.run.webSocketCycleTime().toMillis());
		line(text, "peak sessions", "%d open at once (sampled)", this.run.peakSessions());
		line(text, "heap after GC", "before %s, after %s (%+.1f%%, limit +%.0f%%; settled in %d / %d GCs)",
				mb(this.before.heapUsed()), mb(this.after.heapUsed()), heapGrowth() * 100, this.heapTolerance * 100,
				this.before.gcRounds(), this.after.gcRounds());
		line(text, "threads", "before %d, after %d (limit +%d)", this.before.threads(), this.after.threads(),
				this.threadTolerance);
		line(text, "direct buffers", "before %s, after %s (JVM direct buffer pool)", mb(this.before.directBuffers()),
				mb(this.after.directBuffers()));
		line(text, "netty allocator", "heap %s -> %s, direct %s -> %s (ByteBufAllocator.DEFAULT)",
				mb(this.before.allocatorHeap()), mb(this.after.allocatorHeap()), mb(this.before.allocatorDirect()),
				mb(this.after.allocatorDirect()));
		line(text, "engine sessions", "%d after the run", this.sessions);
		line(text, "namespace sockets", "%d after the run (%d rooms)", this.sockets, this.rooms);
		line(text, "netty leak reports", "%d (detection level %s, %s)", this.leaks, ResourceLeakDetector.getLevel(),
				FailingLeakDetector.isActiveFor("ByteBuf") ? "recorded by FailingLeakDetector" : "NOT recorded");
		line(text, "jvm", "%s %s, %d cores, args %s", System.getProperty("java.vm.name"),
				System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
				ManagementFactory.getRuntimeMXBean()
					.getInputArguments()
					.stream()
					.filter((arg) -> arg.startsWith("-X"))
					.toList());
		text.append("  live objects that grew most (class histograms after GC, before -> after):\n");
		for (String growth : this.growingClasses) {
			text.append("    ").append(growth).append('\n');
		}
		List<String> samples = this.run.failureSamples();
		for (String sample : samples) {
			text.append("  failure: ").append(sample).append('\n');
		}
		return text.toString();
	}

	/**
	 * Write the report to a file, creating its folder.
	 * @param file the file
	 */
	void write(Path file) {
		try {
			Path folder = file.toAbsolutePath().getParent();
			if (folder != null) {
				Files.createDirectories(folder);
			}
			Files.writeString(file, format());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void line(StringBuilder text, String label, String format, Object... args) {
		text.append(String.format(Locale.ROOT, "  %-19s", label))
			.append(String.format(Locale.ROOT, format, args))
			.append('\n');
	}

	private static String mb(long bytes) {
		if (bytes < 0) {
			return "n/a";
		}
		return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
	}

}
