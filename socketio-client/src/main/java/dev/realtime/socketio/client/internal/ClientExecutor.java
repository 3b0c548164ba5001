package dev.realtime.socketio.client.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * Runs all of one client's state changes, one at a time and in order, on a worker of
 * Reactor's parallel scheduler, so that the client's state needs no locks. Netty
 * callbacks and user calls hop onto it.
 */
final class ClientExecutor {

	private static final Logger logger = Loggers.getLogger(ClientExecutor.class);

	private final Scheduler.Worker worker = Schedulers.parallel().createWorker();

	private volatile @Nullable Thread running;

	void execute(Runnable task) {
		this.worker.schedule(() -> run(task));
	}

	/**
	 * Run a task now when called from a task of this executor, so that a subscriber
	 * registered from a signal sees the packets that follow it; otherwise queue it.
	 */
	void executeNow(Runnable task) {
		if (this.running == Thread.currentThread()) {
			task.run();
		}
		else {
			execute(task);
		}
	}

	Disposable schedule(Runnable task, Duration delay) {
		return this.worker.schedule(() -> run(task), delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void run(Runnable task) {
		this.running = Thread.currentThread();
		try {
			task.run();
		}
		catch (Throwable ex) {
			logger.error("Unexpected error in a Socket.IO client task", ex);
		}
		finally {
			this.running = null;
		}
	}

}
