package dev.realtime.socketio.benchmarks.load;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Latency samples in nanoseconds, recorded without locks into one buffer per thread and
 * merged once the threads are quiet.
 */
final class Latencies {

	private final Queue<Buffer> buffers = new ConcurrentLinkedQueue<>();

	private final ThreadLocal<Buffer> local = ThreadLocal.withInitial(() -> {
		Buffer buffer = new Buffer();
		this.buffers.add(buffer);
		return buffer;
	});

	void record(long nanos) {
		this.local.get().add(nanos);
	}

	/** Merge and sort the samples; call when no thread records any more. */
	Snapshot snapshot() {
		int size = 0;
		for (Buffer buffer : this.buffers) {
			size += buffer.size;
		}
		long[] all = new long[size];
		int offset = 0;
		for (Buffer buffer : this.buffers) {
			System.arraycopy(buffer.values, 0, all, offset, buffer.size);
			offset += buffer.size;
		}
		Arrays.sort(all);
		return new Snapshot(all);
	}

	record Snapshot(long[] sorted) {

		int count() {
			return this.sorted.length;
		}

		/** The percentile in milliseconds, or NaN without samples. */
		double percentileMillis(double percentile) {
			if (this.sorted.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(percentile / 100.0 * this.sorted.length) - 1;
			return this.sorted[Math.max(0, Math.min(index, this.sorted.length - 1))] / 1_000_000.0;
		}

	}

	private static final class Buffer {

		long[] values = new long[1024];

		int size;

		void add(long value) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = value;
		}

	}

}
