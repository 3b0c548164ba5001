package dev.realtime.socketio.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU, memory and heap of the server process under test (from {@code /proc/<pid>},
 * {@code jcmd} or the Node server's SIGUSR2 hook) and the CPU of this generator. With
 * several pids (the two nodes of S7), the CPU is their sum; memory and heap are the first
 * one's.
 */
final class ProcessStats {

	/** USER_HZ; 100 on every Linux this runs on. */
	private static final long NANOS_PER_TICK = 10_000_000L;

	/**
	 * A heap's or a generation's line of {@code GC.heap_info}: one line for G1, one per
	 * generation for the serial and parallel collectors (the JVM picks the serial one
	 * when it sees a single processor). Metaspace lines have no total and do not match.
	 */
	private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

	private static final Pattern NODE_HEAP_USED = Pattern.compile("\"heapUsed\":(\\d+)");

	private final long pid;

	private final long[] pids;

	private final String kind;

	private final Path statsFile;

	ProcessStats(long pid, String kind, Path statsFile) {
		this(new long[] { pid }, kind, statsFile);
	}

	ProcessStats(long[] pids, String kind, Path statsFile) {
		this.pids = pids.clone();
		this.pid = (pids.length > 0) ? pids[0] : 0;
		this.kind = kind;
		this.statsFile = statsFile;
	}

	/**
	 * Parse a {@code --pid} value: one pid or several separated by commas.
	 * @param value the value ({@code "0"}: no server)
	 * @return the pids
	 */
	static long[] parsePids(String value) {
		String[] parts = value.split(",");
		long[] pids = new long[parts.length];
		for (int i = 0; i < parts.length; i++) {
			pids[i] = Long.parseLong(parts[i].trim());
		}
		return pids;
	}

	/** The stats of one of the processes (for per-node figures). */
	ProcessStats only(int index) {
		return new ProcessStats(new long[] { this.pids[index] }, this.kind, this.statsFile);
	}

	int processCount() {
		return this.pids.length;
	}

	boolean hasServer() {
		return this.pid > 0;
	}

	/**
	 * Server CPU time (user + system, all threads) in nanoseconds, summed over the pids,
	 * or 0 without a pid. For {@code kind} {@code main-thread} (a single-threaded server
	 * such as Redis), the main thread's run time from {@code /proc/<pid>/schedstat} in
	 * nanoseconds rather than the 10 ms ticks of {@code stat}, when the kernel has it.
	 * For {@code kind} {@code tree} (a server of many processes such as Postgres: the
	 * postmaster and a backend per connection, each single-threaded), the pid's and its
	 * live descendants' on-CPU time from {@code schedstat}, plus the time of the children
	 * they have reaped (a backend that ended within the window still counts).
	 */
	long serverCpuNanos() {
		long total = 0;
		for (long each : this.pids) {
			if (each > 0) {
				total += switch (this.kind) {
					case "main-thread" -> mainThreadCpuNanos(each);
					case "tree" -> treeCpuNanos(each);
					default -> cpuNanos(each);
				};
			}
		}
		return total;
	}

	private static long treeCpuNanos(long pid) {
		long total = singleThreadedCpuNanos(pid);
		java.util.Optional<ProcessHandle> root = ProcessHandle.of(pid);
		if (root.isPresent()) {
			for (ProcessHandle child : (Iterable<ProcessHandle>) root.get().descendants()::iterator) {
				try {
					total += singleThreadedCpuNanos(child.pid());
				}
				catch (IllegalStateException ex) {
					// ended meanwhile: its time is in its parent's reaped-children fields
				}
			}
		}
		return total;
	}

	/**
	 * A single-threaded process's on-CPU time in ns ({@code schedstat}: finer than the 10
	 * ms ticks, which a burst of 100 messages would round to 100 µs each), plus the ticks
	 * of the children it has waited for ({@code cutime}, {@code cstime}: fields 16 and 17
	 * of {@code stat}).
	 */
	private static long singleThreadedCpuNanos(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long reaped = (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * NANOS_PER_TICK;
			return mainThreadCpuNanos(pid) + reaped;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the CPU time of " + pid, ex);
		}
	}

	private static long cpuNanos(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// fields[0] is field 3 (state): utime is field 14, stime field 15
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the CPU time of " + pid, ex);
		}
	}

	private static long mainThreadCpuNanos(long pid) {
		try {
			// The thread-group leader's time on a CPU in ns, wait time, timeslices
			String schedstat = Files.readString(Path.of("/proc", Long.toString(pid), "schedstat")).trim();
			return Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
		}
		catch (IOException | RuntimeException ex) {
			return cpuNanos(pid);
		}
	}

	/** This generator's CPU time in nanoseconds. */
	static long generatorCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/** Resident set size of the server in bytes. */
	long serverRssBytes() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.pid), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		return -1;
	}

	/**
	 * Collect garbage in the server, then return its used heap in bytes (-1 when
	 * unknown).
	 */
	long heapAfterGcBytes() throws IOException, InterruptedException {
		if ("node".equals(this.kind)) {
			Files.deleteIfExists(this.statsFile);
			run(List.of("kill", "-USR2", Long.toString(this.pid)));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while (System.nanoTime() < deadline) {
				if (Files.exists(this.statsFile) && Files.size(this.statsFile) > 0) {
					Matcher matcher = NODE_HEAP_USED.matcher(Files.readString(this.statsFile));
					if (matcher.find()) {
						return Long.parseLong(matcher.group(1));
					}
				}
				Thread.sleep(50);
			}
			return -1;
		}
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		run(List.of(jcmd, Long.toString(this.pid), "GC.run"));
		return usedHeapBytes(run(List.of(jcmd, Long.toString(this.pid), "GC.heap_info")));
	}

	/**
	 * The used heap that {@code GC.heap_info} reports, summed over generations, or -1.
	 */
	static long usedHeapBytes(String heapInfo) {
		Matcher matcher = HEAP_USED.matcher(heapInfo);
		long usedKb = -1;
		while (matcher.find()) {
			usedKb = Math.max(usedKb, 0) + Long.parseLong(matcher.group(1));
		}
		return (usedKb < 0) ? -1 : usedKb * 1024;
	}

	private static String run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		process.waitFor(60, TimeUnit.SECONDS);
		return output;
	}

}
