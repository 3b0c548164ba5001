package dev.realtime.socketio.engine;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Consumer;

import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * Runs one session's tasks one at a time and in order, without binding them to one
 * thread.
 *
 * <p>
 * A long-polling session's GET and POST arrive on whatever event loops accepted their
 * connections, and an upgraded WebSocket on a third one. Handing every request to one
 * home loop cost up to four cross-thread hops (each a task and a wake-up) per echo.
 * Instead a request's own loop runs the session's work at once when nobody else is, and
 * the home loop only runs what other threads hand over: timers, sends from application
 * threads, and tasks queued while the session was busy. The atomic counter that passes
 * the session from one thread to the next also orders its state between them.
 */
final class SessionExecutor implements Runnable {

	private static final AtomicIntegerFieldUpdater<SessionExecutor> PENDING = AtomicIntegerFieldUpdater
		.newUpdater(SessionExecutor.class, "pending");

	private static final Logger logger = Loggers.getLogger(SessionExecutor.class);

	private final EventLoop home;

	@SuppressWarnings("rawtypes")
	private static final AtomicReferenceFieldUpdater<SessionExecutor, Queue> QUEUE = AtomicReferenceFieldUpdater
		.newUpdater(SessionExecutor.class, Queue.class, "queue");

	/**
	 * Tasks that could not run at once, created by the first of them: most sessions never
	 * queue one, and the queue's empty node would be kept for each. Not one of Netty's
	 * array queues: their first chunk and padding would cost hundreds of bytes per
	 * session.
	 */
	private volatile @Nullable Queue<Runnable> queue;

	/** Tasks submitted and not yet run; non-zero while some thread holds the session. */
	private volatile int pending;

	/**
	 * The id of the thread running the session's tasks now (0: none), for nested calls to
	 * run inline. An id, not the {@code Thread}: storing a reference into this long-lived
	 * object on every task made G1 refine a card per session per broadcast.
	 */
	private volatile long owner;

	SessionExecutor(EventLoop home) {
		this.home = home;
	}

	EventLoop home() {
		return this.home;
	}

	/** Whether the calling thread is running the session's tasks now. */
	boolean inSession() {
		return this.owner == Thread.currentThread().getId();
	}

	/**
	 * Run the task: at once if the caller already runs the session, or is the home loop
	 * and the session is idle; otherwise after the tasks before it, on whichever thread
	 * holds the session then, or on the home loop.
	 */
	void execute(Runnable task) {
		run(task, this.home.inEventLoop());
	}

	/**
	 * Like {@link #execute(Runnable)}, but also at once on the calling thread when the
	 * session is idle. Only for event-loop threads answering the session's own requests.
	 * <p>
	 * If other threads queued tasks while this one ran, the loop keeps the session until
	 * the end of its current iteration and runs them then: the next frames of the same
	 * read, which the peer sent before whatever request queued those tasks, go first, as
	 * a single-threaded server would take them (a poll that arrives after an upgrade
	 * packet must see the upgrade done).
	 * @param task the task
	 * @param here the calling thread's event loop
	 */
	void executeHere(Runnable task, EventLoop here) {
		long current = Thread.currentThread().getId();
		if (this.owner == current) {
			task.run();
		}
		else if (PENDING.compareAndSet(this, 0, 1)) {
			this.owner = current;
			runSafely(task);
			if (this.pending != 1 && here.inEventLoop()) {
				here.execute(this);
			}
			else {
				drain(current, 1);
			}
		}
		else {
			enqueue(task, true);
		}
	}

	/** {@link #execute(Runnable)} without allocating a task when it can run at once. */
	<T> void execute(Consumer<? super T> action, T argument) {
		if (inSession()) {
			action.accept(argument);
		}
		else {
			execute(() -> action.accept(argument));
		}
	}

	private void run(Runnable task, boolean mayRunHere) {
		long current = Thread.currentThread().getId();
		if (this.owner == current) {
			task.run();
		}
		else if (mayRunHere && PENDING.compareAndSet(this, 0, 1)) {
			runFirst(current, task);
		}
		else {
			enqueue(task, mayRunHere);
		}
	}

	private void runFirst(long current, Runnable task) {
		this.owner = current;
		runSafely(task);
		drain(current, 1);
	}

	private void enqueue(Runnable task, boolean mayRunHere) {
		queue().offer(task);
		if (PENDING.getAndIncrement(this) == 0) {
			if (mayRunHere || this.home.inEventLoop()) {
				long current = Thread.currentThread().getId();
				this.owner = current;
				drain(current, 1);
			}
			else {
				this.home.execute(this);
			}
		}
	}

	/**
	 * Drain the queue: on the home loop when another thread handed the session over, or
	 * on a request's loop at the end of its iteration (a field would cost every session a
	 * lambda).
	 */
	@Override
	public void run() {
		long current = Thread.currentThread().getId();
		this.owner = current;
		drain(current, 1);
	}

	/**
	 * Run queued tasks until none is left. {@code missed} counts the submissions this
	 * thread has taken over; the session is released only when the counter falls back to
	 * zero.
	 */
	private void drain(long current, int missed) {
		int taken = missed;
		for (;;) {
			Queue<Runnable> queue = this.queue;
			if (queue != null) {
				Runnable task;
				while ((task = queue.poll()) != null) {
					runSafely(task);
				}
			}
			this.owner = 0;
			taken = PENDING.addAndGet(this, -taken);
			if (taken == 0) {
				return;
			}
			this.owner = current;
		}
	}

	@SuppressWarnings("unchecked")
	private Queue<Runnable> queue() {
		Queue<Runnable> queue = this.queue;
		if (queue != null) {
			return queue;
		}
		Queue<Runnable> created = new ConcurrentLinkedQueue<>();
		return QUEUE.compareAndSet(this, null, created) ? created : Objects.requireNonNull(this.queue);
	}

	private static void runSafely(Runnable task) {
		try {
			task.run();
		}
		catch (Throwable ex) {
			// As an event loop does: one failing task must not leave the session held.
			logger.error("A session task failed", ex);
		}
	}

}
