package dev.realtime.socketio.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.netty.util.internal.StringUtil;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ResourceLeakDetector} that, on top of Netty's usual error log, records every
 * leak it reports so that {@link NettyLeakCheck} can fail the test class that leaked.
 * <p>
 * Netty creates it when the system property {@code io.netty.customResourceLeakDetector}
 * names this class (the parent pom sets it, with
 * {@code io.netty.leakDetection.level=paranoid}, for surefire):
 * {@link ResourceLeakDetectorFactory}'s default factory looks up a public
 * {@code (Class, int)} constructor, or {@code (Class, int, long)} for its deprecated
 * method, through the system class loader.
 * <p>
 * Netty only reports a leak when it next tracks a resource of the same type after the
 * leaked object was garbage collected; {@link NettyLeakCheck} forces that.
 *
 * @param <T> the resource type
 * @since 0.1.0
 */
public class FailingLeakDetector<T> extends ResourceLeakDetector<T> {

	private static final List<Leak> leaks = new ArrayList<>();

	private static final Set<String> activeResourceTypes = ConcurrentHashMap.newKeySet();

	/**
	 * Create a detector; called by Netty's {@link ResourceLeakDetectorFactory}.
	 * @param resourceType the type of the tracked resource
	 * @param samplingInterval the sampling interval (ignored at paranoid level)
	 */
	public FailingLeakDetector(Class<?> resourceType, int samplingInterval) {
		super(resourceType, samplingInterval);
		activeResourceTypes.add(StringUtil.simpleClassName(resourceType));
	}

	/**
	 * Create a detector; called by Netty's deprecated
	 * {@link ResourceLeakDetectorFactory#newResourceLeakDetector(Class, int, long)}.
	 * @param resourceType the type of the tracked resource
	 * @param samplingInterval the sampling interval (ignored at paranoid level)
	 * @param maxActive ignored by Netty
	 */
	@SuppressWarnings("deprecation")
	public FailingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
		super(resourceType, samplingInterval, maxActive);
		activeResourceTypes.add(StringUtil.simpleClassName(resourceType));
	}

	/**
	 * Return the leaks recorded since the last {@link #clear()} or {@link #drain()}.
	 * @return a snapshot of the recorded leaks
	 */
	public static List<Leak> leaks() {
		synchronized (leaks) {
			return List.copyOf(leaks);
		}
	}

	/**
	 * Return the recorded leaks and forget them.
	 * @return the leaks recorded since the last call
	 */
	public static List<Leak> drain() {
		synchronized (leaks) {
			List<Leak> result = List.copyOf(leaks);
			leaks.clear();
			return result;
		}
	}

	/**
	 * Forget the recorded leaks, for tests that leak on purpose.
	 */
	public static void clear() {
		synchronized (leaks) {
			leaks.clear();
		}
	}

	/**
	 * Return whether Netty created this detector for the given resource type, that is,
	 * whether leaks of that type are recorded at all.
	 * @param resourceType the simple class name of the resource, for example
	 * {@code ByteBuf}
	 * @return {@code true} if leaks of that type are recorded
	 */
	public static boolean isActiveFor(String resourceType) {
		return activeResourceTypes.contains(resourceType);
	}

	/**
	 * Always report: the parent only reports when its logger is enabled for errors, and a
	 * test logging setup must not switch leak detection off.
	 */
	@Override
	protected boolean needReport() {
		return true;
	}

	@Override
	protected void reportTracedLeak(String resourceType, String records) {
		record(new Leak(resourceType, records));
		super.reportTracedLeak(resourceType, records);
	}

	@Override
	protected void reportUntracedLeak(String resourceType) {
		record(new Leak(resourceType, null));
		super.reportUntracedLeak(resourceType);
	}

	private static void record(Leak leak) {
		synchronized (leaks) {
			leaks.add(leak);
		}
	}

	/**
	 * A leak reported by Netty.
	 *
	 * @param resourceType the simple class name of the leaked resource, for example
	 * {@code ByteBuf}
	 * @param records the access records showing where the resource was created and last
	 * touched, or {@code null} when the leak was not traced
	 * @since 0.1.0
	 */
	public record Leak(String resourceType, @Nullable String records) {

		@Override
		public String toString() {
			return "LEAK: " + this.resourceType + ".release() was not called before it was garbage-collected."
					+ ((this.records != null) ? "\n" + this.records.strip()
							: " (untraced: set io.netty.leakDetection.level=paranoid for access records)");
		}

	}

}
