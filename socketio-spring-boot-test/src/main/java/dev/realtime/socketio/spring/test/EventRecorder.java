package dev.realtime.socketio.spring.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Everything of one kind a test socket received since it connected, for the test thread
 * to wait on and consume in order, and for fluxes that replay it.
 *
 * @param <T> what is recorded
 */
final class EventRecorder<T> {

	private final List<T> received = new ArrayList<>();

	private final List<Boolean> consumed = new ArrayList<>();

	private final Sinks.Many<T> replay = Sinks.many().replay().all();

	private boolean complete;

	synchronized void add(T item) {
		this.received.add(item);
		this.consumed.add(false);
		this.replay.tryEmitNext(item);
		notifyAll();
	}

	synchronized void complete() {
		this.complete = true;
		this.replay.tryEmitComplete();
		notifyAll();
	}

	/**
	 * Take the first item not taken yet that matches, waiting for it.
	 * @return the item, or {@code null} if none came within the timeout or no more can
	 * come
	 */
	synchronized @Nullable T take(Predicate<T> matcher, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			for (int i = 0; i < this.received.size(); i++) {
				if (!this.consumed.get(i) && matcher.test(this.received.get(i))) {
					this.consumed.set(i, true);
					return this.received.get(i);
				}
			}
			long remaining = deadline - System.nanoTime();
			if (this.complete || remaining <= 0) {
				return null;
			}
			try {
				wait(Math.max(1, remaining / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
	}

	synchronized List<T> all() {
		return List.copyOf(this.received);
	}

	/**
	 * Return what was received and what is to come, completing when the socket is
	 * disconnected for good.
	 */
	Flux<T> flux() {
		return this.replay.asFlux();
	}

}
