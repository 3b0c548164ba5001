package dev.realtime.socketio.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionExecutorTests {

	private static final int TASKS = 20_000;

	private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(3);

	private final EventLoop home = this.loops.next();

	private final EventLoop other = this.loops.next();

	private final EventLoop third = this.loops.next();

	private final SessionExecutor executor = new SessionExecutor(this.home);

	@AfterEach
	void shutdown() {
		this.loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
	}

	@Test
	void idleSessionRunsATaskOnTheHomeLoopAtOnce() throws Exception {
		boolean ranBeforeReturn = this.home.submit(() -> {
			AtomicBoolean ran = new AtomicBoolean();
			this.executor.execute(() -> ran.set(this.executor.inSession()));
			return ran.get();
		}).get(5, TimeUnit.SECONDS);
		assertThat(ranBeforeReturn).isTrue();
	}

	@Test
	void requestLoopRunsAnIdleSessionsTaskItselfAndNestedTasksInline() throws Exception {
		List<String> steps = this.other.submit(() -> {
			List<String> seen = new ArrayList<>();
			this.executor.executeHere(() -> {
				seen.add("outer on " + (this.other.inEventLoop() ? "request loop" : "elsewhere"));
				this.executor.execute(() -> seen.add("nested"));
				seen.add("after nested");
			}, this.other);
			seen.add("returned");
			return seen;
		}).get(5, TimeUnit.SECONDS);
		assertThat(steps).containsExactly("outer on request loop", "nested", "after nested", "returned");
	}

	@Test
	void taskFromAnotherThreadRunsLaterOnTheHomeLoop() throws Exception {
		CompletableFuture<Boolean> onHome = new CompletableFuture<>();
		this.executor.execute(() -> onHome.complete(this.home.inEventLoop() && this.executor.inSession()));
		assertThat(onHome.get(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.executor.inSession()).isFalse();
	}

	@Test
	void taskSubmittedWhileAnotherLoopHoldsTheSessionRunsThereAfterIt() throws Exception {
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<String> order = new CopyOnWriteArrayList<>();
		this.other.execute(() -> this.executor.executeHere(() -> {
			holding.countDown();
			await(release);
			order.add("holder");
		}, this.other));
		assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
		AtomicReference<Thread> ranOn = new AtomicReference<>();
		CountDownLatch done = new CountDownLatch(1);
		boolean ranAtOnce = this.third.submit(() -> {
			this.executor.executeHere(() -> {
				order.add("queued");
				ranOn.set(Thread.currentThread());
				done.countDown();
			}, this.third);
			return !order.isEmpty();
		}).get(5, TimeUnit.SECONDS);
		assertThat(ranAtOnce).isFalse();
		release.countDown();
		assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(order).containsExactly("holder", "queued");
		Thread holder = this.other.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
		assertThat(ranOn.get()).isSameAs(holder);
	}

	@Test
	void framesOfOneReadRunBeforeTasksOtherThreadsQueuedMeanwhile() throws Exception {
		// A WebSocket read delivers "2probe" then "5" on the socket's loop; a poll
		// arriving on
		// another loop while the first frame runs must not get in between.
		List<String> order = new CopyOnWriteArrayList<>();
		CountDownLatch pollRan = new CountDownLatch(1);
		this.other.submit(() -> {
			this.executor.executeHere(() -> {
				order.add("first frame");
				try {
					this.third.submit(() -> this.executor.executeHere(() -> {
						order.add("poll");
						pollRan.countDown();
					}, this.third)).get(5, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}, this.other);
			this.executor.executeHere(() -> order.add("second frame"), this.other);
		}).get(5, TimeUnit.SECONDS);
		assertThat(pollRan.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(order).containsExactly("first frame", "second frame", "poll");
		assertThat(this.other.submit(this.executor::inSession).get(5, TimeUnit.SECONDS)).isFalse();
	}

	@Test
	void tasksFromManyThreadsNeverOverlapAndKeepEachThreadsOrder() throws Exception {
		AtomicBoolean inside = new AtomicBoolean();
		AtomicBoolean overlapped = new AtomicBoolean();
		int[] count = new int[1];
		int[][] lastSeen = new int[4][1];
		boolean[] outOfOrder = new boolean[1];
		List<Thread> producers = new ArrayList<>();
		List<CompletableFuture<?>> loopsDone = new ArrayList<>();
		for (int p = 0; p < 4; p++) {
			int producer = p;
			Runnable submitAll = () -> {
				for (int i = 1; i <= TASKS; i++) {
					int seq = i;
					Runnable task = () -> {
						if (!inside.compareAndSet(false, true)) {
							overlapped.set(true);
						}
						count[0]++;
						if (lastSeen[producer][0] != seq - 1) {
							outOfOrder[0] = true;
						}
						lastSeen[producer][0] = seq;
						inside.set(false);
					};
					if (producer == 1) {
						this.executor.executeHere(task, this.other);
					}
					else {
						this.executor.execute(task);
					}
				}
			};
			if (producer == 0) {
				loopsDone.add(CompletableFuture.runAsync(submitAll, this.home));
			}
			else if (producer == 1) {
				loopsDone.add(CompletableFuture.runAsync(submitAll, this.other));
			}
			else {
				Thread thread = new Thread(submitAll);
				producers.add(thread);
				thread.start();
			}
		}
		for (Thread thread : producers) {
			thread.join(TimeUnit.SECONDS.toMillis(10));
		}
		CompletableFuture.allOf(loopsDone.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
		CompletableFuture<Integer> total = new CompletableFuture<>();
		this.executor.execute(() -> total.complete(count[0]));
		assertThat(total.get(10, TimeUnit.SECONDS)).isEqualTo(4 * TASKS);
		assertThat(overlapped).isFalse();
		assertThat(outOfOrder[0]).isFalse();
	}

	@Test
	void failingTaskDoesNotKeepTheSessionHeld() throws Exception {
		this.home.submit(() -> this.executor.execute(() -> {
			throw new IllegalStateException("handler bug");
		})).get(5, TimeUnit.SECONDS);
		CompletableFuture<Boolean> next = new CompletableFuture<>();
		this.other.execute(() -> this.executor.executeHere(() -> next.complete(this.other.inEventLoop()), this.other));
		assertThat(next.get(5, TimeUnit.SECONDS)).isTrue();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
