package dev.realtime.socketio.soak;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;

/**
 * What the JVM holds at one moment, taken once the heap has settled after garbage
 * collection.
 *
 * @param heapUsed used heap bytes after collection
 * @param gcRounds how many collections it took for the used heap to settle
 * @param threads live threads
 * @param threadGroups live threads by name, with digits replaced by {@code #}
 * @param directBuffers bytes of the JVM's direct buffer pool
 * @param allocatorHeap bytes of heap memory held by Netty's default allocator, or -1
 * @param allocatorDirect bytes of direct memory held by Netty's default allocator, or -1
 */
record JvmSnapshot(long heapUsed, int gcRounds, int threads, Map<String, Integer> threadGroups, long directBuffers,
		long allocatorHeap, long allocatorDirect) {

	private static final int MAX_GC_ROUNDS = 20;

	private static final long SETTLE_PAUSE_MILLIS = 200;

	/**
	 * Two collections in a row within this many bytes of each other: the heap has
	 * settled.
	 */
	private static final long SETTLED_BYTES = 256 * 1024;

	/**
	 * Collect garbage until the used heap stops changing, then take a snapshot.
	 * @return the snapshot
	 * @throws InterruptedException if interrupted while waiting for the collector
	 */
	static JvmSnapshot settled() throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long previous = Long.MIN_VALUE;
		long used = 0;
		int rounds = 0;
		while (rounds < MAX_GC_ROUNDS) {
			rounds++;
			System.gc();
			Thread.sleep(SETTLE_PAUSE_MILLIS);
			used = memory.getHeapMemoryUsage().getUsed();
			if (rounds >= 3 && Math.abs(used - previous) <= SETTLED_BYTES) {
				break;
			}
			previous = used;
		}
		long allocatorHeap = -1;
		long allocatorDirect = -1;
		if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
			ByteBufAllocatorMetric metric = provider.metric();
			allocatorHeap = metric.usedHeapMemory();
			allocatorDirect = metric.usedDirectMemory();
		}
		return new JvmSnapshot(used, rounds, ManagementFactory.getThreadMXBean().getThreadCount(), liveThreadsByName(),
				directBufferPoolBytes(), allocatorHeap, allocatorDirect);
	}

	private static Map<String, Integer> liveThreadsByName() {
		Map<String, Integer> groups = new TreeMap<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			groups.merge(thread.getName().replaceAll("\\d+", "#"), 1, Integer::sum);
		}
		return groups;
	}

	private static long directBufferPoolBytes() {
		List<BufferPoolMXBean> pools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
		return pools.stream()
			.filter((pool) -> "direct".equals(pool.getName()))
			.mapToLong(BufferPoolMXBean::getMemoryUsed)
			.sum();
	}

}
