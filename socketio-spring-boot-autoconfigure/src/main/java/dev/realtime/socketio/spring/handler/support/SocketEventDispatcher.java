package dev.realtime.socketio.spring.handler.support;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.Loggers;

import dev.realtime.socketio.internal.RateLimitedLog;
import dev.realtime.socketio.internal.ServerInternals;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.handler.EventContext;

/**
 * Runs the handler invocations of one socket in the order its events arrived.
 * <p>
 * The socket's listeners call {@link #dispatch} on the connection's event loop. A handler
 * that returns a reactive type is invoked right there when nothing is pending for the
 * socket (the common case: no thread hop). A blocking handler is queued and run on the
 * worker; while anything is queued, later invocations queue behind it, and a queued
 * reactive handler hops back to the event loop when its turn comes. One worker thread at
 * a time drains a socket's queue, so a socket's blocking handlers never run concurrently,
 * and a slow one delays only its own socket.
 * <p>
 * Without a worker (execution on the event loop, the default) every invocation happens on
 * the spot. An invocation that holds the event loop for {@link #SLOW_INVOCATION_MILLIS}
 * or more is logged as a warning (rate-limited): it most likely blocks, and every
 * connection of that loop waits for it.
 */
final class SocketEventDispatcher {

	private static final Log logger = LogFactory.getLog(SocketEventDispatcher.class);

	/**
	 * How long an invocation may hold the event loop before it is reported. Far above
	 * what a handler that does not block takes, far below what users notice.
	 */
	static final long SLOW_INVOCATION_MILLIS = 100;

	private static final long SLOW_INVOCATION_NANOS = TimeUnit.MILLISECONDS.toNanos(SLOW_INVOCATION_MILLIS);

	private static final RateLimitedLog slowInvocations = new RateLimitedLog(
			Loggers.getLogger(SocketEventDispatcher.class), 0.2, 5);

	private final SocketIoSocket socket;

	private final @Nullable Executor worker;

	private final Queue<Task> tasks = new ConcurrentLinkedQueue<>();

	/**
	 * Queued tasks plus the one running; the drain owns the queue while it is above 0.
	 */
	private final AtomicInteger pending = new AtomicInteger();

	SocketEventDispatcher(SocketIoSocket socket, @Nullable Executor worker) {
		this.socket = socket;
		this.worker = worker;
	}

	void dispatch(EventHandlerInvoker handler, EventContext context) {
		Executor worker = this.worker;
		if (worker == null || (!handler.isBlocking() && this.pending.get() == 0)) {
			invoke(handler, context);
			return;
		}
		this.tasks.offer(new Task(handler, context));
		if (this.pending.getAndIncrement() == 0) {
			execute(worker, this::drain);
		}
	}

	/** Invoke on the event loop (never on the worker). */
	private void invoke(EventHandlerInvoker handler, EventContext context) {
		invokeOnLoop(handler, context);
	}

	/**
	 * Invoke on the event loop, on the spot: what {@link #dispatch} does without a
	 * worker, which needs no state of the socket.
	 * @param handler the handler
	 * @param context the event
	 */
	static void invokeOnLoop(EventHandlerInvoker handler, EventContext context) {
		long start = System.nanoTime();
		try {
			Mono<Void> invocation = handler.invoke(context);
			if (!EventHandlerInvoker.isCompleted(invocation)) {
				invocation.subscribe(null, (ex) -> logFailure(handler, context, ex));
			}
		}
		catch (RuntimeException ex) {
			logFailure(handler, context, ex);
		}
		long took = System.nanoTime() - start;
		if (took >= SLOW_INVOCATION_NANOS) {
			slowInvocations.warn(() -> "Handler " + handler.method().getShortLogMessage() + " held the event loop "
					+ Thread.currentThread().getName() + " for " + TimeUnit.NANOSECONDS.toMillis(took) + " ms ("
					+ context + "); the connections of that loop waited. A handler that blocks (JDBC, JPA, "
					+ "blocking HTTP calls, sleeps) must run off the event loop: set "
					+ "socketio.handler.execution=bounded-elastic (or virtual-threads), or return a Mono that "
					+ "subscribes on a worker.");
		}
	}

	/**
	 * Runs on the worker: blocking tasks in a row, until the queue is empty or a task
	 * must hop.
	 */
	private void drain() {
		do {
			Task task = this.tasks.poll();
			if (task == null) {
				continue;
			}
			if (!task.handler().isBlocking()) {
				ServerInternals.engineSocket(this.socket).execute(() -> {
					invoke(task.handler(), task.context());
					if (this.pending.decrementAndGet() > 0) {
						execute(this.worker, this::drain);
					}
				});
				return;
			}
			try {
				task.handler().invoke(task.context()).block();
			}
			catch (RuntimeException ex) {
				logFailure(task.handler(), task.context(), ex);
			}
		}
		while (this.pending.decrementAndGet() > 0);
	}

	private void execute(@Nullable Executor worker, Runnable drain) {
		try {
			if (worker != null) {
				worker.execute(drain);
			}
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Handler executor rejected the events of " + this.socket + " (shutting down?)", ex);
			this.tasks.clear();
			this.pending.set(0);
		}
	}

	private static void logFailure(EventHandlerInvoker handler, EventContext context, Throwable ex) {
		logger.error("Handler " + handler.method().getShortLogMessage() + " failed for " + context, ex);
	}

	private record Task(EventHandlerInvoker handler, EventContext context) {
	}

}
