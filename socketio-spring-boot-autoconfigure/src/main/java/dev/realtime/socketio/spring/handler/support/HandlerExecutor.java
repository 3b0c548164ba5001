package dev.realtime.socketio.spring.handler.support;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The worker that blocking handler methods run on, for an {@link EventHandlerExecution}.
 */
final class HandlerExecutor {

	private static final Log logger = LogFactory.getLog(HandlerExecutor.class);

	private final @Nullable Scheduler scheduler;

	private final @Nullable ExecutorService owned;

	private HandlerExecutor(@Nullable Scheduler scheduler, @Nullable ExecutorService owned) {
		this.scheduler = scheduler;
		this.owned = owned;
	}

	static HandlerExecutor create(EventHandlerExecution execution) {
		return switch (execution) {
			case EVENT_LOOP -> new HandlerExecutor(null, null);
			case BOUNDED_ELASTIC -> new HandlerExecutor(Schedulers.boundedElastic(), null);
			case VIRTUAL_THREADS -> virtualThreads();
		};
	}

	private static HandlerExecutor virtualThreads() {
		ExecutorService executor = newVirtualThreadExecutor();
		if (executor == null) {
			logger.warn("Virtual threads need Java 21 or later: blocking Socket.IO handlers run on "
					+ "Reactor's bounded-elastic scheduler instead");
			return new HandlerExecutor(Schedulers.boundedElastic(), null);
		}
		return new HandlerExecutor(Schedulers.fromExecutorService(executor, "socketio-handler"), executor);
	}

	private static @Nullable ExecutorService newVirtualThreadExecutor() {
		try {
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			builder = builderType.getMethod("name", String.class, long.class).invoke(builder, "socketio-handler-", 0L);
			ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
			return (ExecutorService) Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
				.invoke(null, factory);
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

	/**
	 * Return the scheduler of the worker.
	 * @return the scheduler, or {@code null} to run on the event loop
	 */
	@Nullable Scheduler scheduler() {
		return this.scheduler;
	}

	/**
	 * Return the worker as an executor.
	 * @return the executor, or {@code null} to run on the event loop
	 */
	@Nullable Executor executor() {
		Scheduler scheduler = this.scheduler;
		return (scheduler != null) ? (task) -> scheduler.schedule(task) : null;
	}

	void dispose() {
		if (this.owned != null && this.scheduler != null) {
			this.scheduler.dispose();
		}
	}

}
