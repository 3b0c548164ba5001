package dev.realtime.socketio.testsupport;

import java.util.List;
import java.util.stream.Collectors;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension that fails a test class when Netty reported a resource leak while it
 * ran.
 * <p>
 * After all tests of a class it runs the garbage collector a few times and allocates and
 * releases some buffers, which makes Netty's leak detector report {@code ByteBuf}s that
 * were collected without {@code release()}; then it fails the class with the leaks
 * recorded by {@link FailingLeakDetector}, including their access records. Leaks that
 * only show up later are charged to a later test class, so a failure names the class that
 * noticed the leak, not necessarily the one that caused it.
 * <p>
 * Before all tests it sets {@code io.netty.leakDetection.level=paranoid} and
 * {@code io.netty.customResourceLeakDetector} when they are missing (an IDE run without
 * the surefire configuration); that only helps if Netty's buffer classes are not loaded
 * yet.
 * <p>
 * <strong>Registration.</strong> The engine module registers it for every test class
 * through
 * {@code src/test/resources/META-INF/services/org.junit.jupiter.api.extension.Extension}
 * (one line: this class name) and
 * {@code junit.jupiter.extensions.autodetection.enabled=true} in
 * {@code src/test/resources/junit-platform.properties}. Another module gets the same by:
 * <ol>
 * <li>depending on the engine's test-jar ({@code <type>test-jar</type>},
 * {@code <scope>test</scope>}, version managed by the parent pom), which brings this
 * class, {@link FailingLeakDetector} and the service file;</li>
 * <li>enabling auto-detection, either with the same line in its own
 * {@code src/test/resources/junit-platform.properties} or with the surefire system
 * property {@code junit.jupiter.extensions.autodetection.enabled=true}. The test-jar also
 * contains the engine's {@code junit-platform.properties}: a module without its own file
 * picks that one up, and JUnit uses only the first such file on the classpath (with a
 * warning), so a module that has its own must repeat the line.</li>
 * </ol>
 * A class that leaks on purpose calls {@link FailingLeakDetector#clear()} when done.
 *
 * @since 0.1.0
 */
public class NettyLeakCheck implements BeforeAllCallback, AfterAllCallback {

	private static final String LEVEL_PROPERTY = "io.netty.leakDetection.level";

	private static final String DETECTOR_PROPERTY = "io.netty.customResourceLeakDetector";

	private static final int ROUNDS = 3;

	private static final long PAUSE_MILLIS = 50;

	@Override
	public void beforeAll(ExtensionContext context) {
		setIfAbsent(LEVEL_PROPERTY, "paranoid");
		setIfAbsent(DETECTOR_PROPERTY, FailingLeakDetector.class.getName());
	}

	@Override
	public void afterAll(ExtensionContext context) throws InterruptedException {
		triggerDetection();
		List<FailingLeakDetector.Leak> leaks = FailingLeakDetector.drain();
		if (!leaks.isEmpty()) {
			String details = leaks.stream().map(FailingLeakDetector.Leak::toString).collect(Collectors.joining("\n\n"));
			throw new AssertionError(leaks.size() + " Netty resource leak(s) detected after " + context.getDisplayName()
					+ " (each ByteBuf needs one owner that releases it):\n" + details);
		}
	}

	/**
	 * Make Netty report buffers that were garbage collected without being released: run
	 * the collector, give the reference handler time to enqueue them, then allocate
	 * (detection runs on allocation).
	 * @throws InterruptedException if interrupted while pausing
	 */
	public static void triggerDetection() throws InterruptedException {
		for (int i = 0; i < ROUNDS; i++) {
			System.gc();
			Thread.sleep(PAUSE_MILLIS);
			allocateAndRelease(PooledByteBufAllocator.DEFAULT);
			allocateAndRelease(ByteBufAllocator.DEFAULT);
		}
	}

	private static void allocateAndRelease(ByteBufAllocator allocator) {
		ByteBuf direct = allocator.directBuffer(16);
		direct.release();
		ByteBuf heap = allocator.heapBuffer(16);
		heap.release();
	}

	private static void setIfAbsent(String key, String value) {
		if (System.getProperty(key) == null) {
			System.setProperty(key, value);
		}
	}

}
