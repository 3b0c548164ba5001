package dev.realtime.socketio.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Measures the heap the current thread allocates while running some code, so that fuzz
 * tests can check that a decoder allocates in proportion to its input and limits, not to
 * a count or size the input merely declares.
 */
final class AllocationMeter {

	private static final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private AllocationMeter() {
	}

	/**
	 * Run the code and return the bytes the current thread allocated meanwhile. The first
	 * run of a code path also allocates for class loading and initialisation, so when the
	 * first measure exceeds the budget the code runs once more and that second measure
	 * counts.
	 * @param budget the bytes the code may allocate
	 * @param code the code, which must give the same result when run twice
	 * @return the bytes allocated by the run that counts
	 */
	static long allocatedBy(long budget, Runnable code) {
		long allocated = measure(code);
		return (allocated < budget) ? allocated : measure(code);
	}

	private static long measure(Runnable code) {
		long before = threads.getCurrentThreadAllocatedBytes();
		code.run();
		return threads.getCurrentThreadAllocatedBytes() - before;
	}

}
