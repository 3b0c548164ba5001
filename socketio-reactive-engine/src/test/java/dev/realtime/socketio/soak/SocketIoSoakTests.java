package dev.realtime.socketio.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.realtime.socketio.engine.EngineIoSocket;
import dev.realtime.socketio.internal.ServerInternals;
import dev.realtime.socketio.netty.SocketIoRoutes;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerOptions;
import dev.realtime.socketio.testsupport.FailingLeakDetector;
import dev.realtime.socketio.testsupport.NettyLeakCheck;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Soak test: many connect / emit with ack / disconnect cycles over both transports
 * against one server, then heap, threads, sessions and Netty buffers must be back where
 * they were after a warm-up. Runs with
 * {@code mvn -B -pl socketio-reactive-engine verify -Psoak} (docs/soak.md);
 * {@code -Dsoak.cycles}, {@code -Dsoak.warmup} and {@code -Dsoak.concurrency} change the
 * load.
 */
@Tag("soak")
class SocketIoSoakTests {

	private static final int CYCLES = Integer.getInteger("soak.cycles", 20_000);

	private static final int WARMUP_CYCLES = Integer.getInteger("soak.warmup", 500);

	private static final int CONCURRENCY = Integer.getInteger("soak.concurrency", 32);

	private static final Path REPORT = Path.of(System.getProperty("soak.report", "target/soak-report.txt"));

	private static final double HEAP_TOLERANCE = 0.10;

	private static final int THREAD_TOLERANCE = 4;

	private static final Duration CYCLE_TIMEOUT = Duration.ofSeconds(20);

	private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

	private static final int FAILURE_SAMPLES = 10;

	private static final int HISTOGRAM_LINES = 12;

	private SocketIoServer io;

	private DisposableServer http;

	@BeforeEach
	void startServer() {
		this.io = SocketIoServer.create(SocketIoServerOptions.defaults());
		this.io.onConnection((socket) -> socket.on("message", (args, ack) -> {
			if (ack != null) {
				ack.send(args.get(0));
			}
		}));
		this.http = HttpServer.create().host("127.0.0.1").port(0).route(SocketIoRoutes.of(this.io)).bindNow();
	}

	@AfterEach
	void stopServer() {
		try {
			this.io.close().block(Duration.ofSeconds(10));
		}
		finally {
			this.http.disposeNow(Duration.ofSeconds(10));
		}
	}

	@Test
	void cyclesOverBothTransportsLeaveNoSessionsBuffersHeapOrThreadsBehind() throws InterruptedException {
		SoakRun warmup = run(WARMUP_CYCLES);
		awaitIdle();
		// Leak detection allocates from the pooled allocator: let it do so before the
		// starting snapshot too, so that the pool's first chunks are in both.
		NettyLeakCheck.triggerDetection();
		Path histogramBefore = ClassHistogram.take().write(REPORT.resolveSibling("soak-histogram-before.txt"));
		JvmSnapshot before = JvmSnapshot.settled();
		SoakRun run = run(CYCLES);
		awaitIdle();
		NettyLeakCheck.triggerDetection();
		int leaks = FailingLeakDetector.leaks().size();
		JvmSnapshot after = JvmSnapshot.settled();
		ClassHistogram histogramAfter = ClassHistogram.take();
		histogramAfter.write(REPORT.resolveSibling("soak-histogram-after.txt"));
		List<String> heapGrowth = histogramAfter.growthSince(ClassHistogram.read(histogramBefore), HISTOGRAM_LINES);
		Namespace main = this.io.sockets();
		SoakReport report = new SoakReport(run, WARMUP_CYCLES, CONCURRENCY, before, after,
				this.io.engine().sessionCount(), main.sockets().size(), main.rooms().size(), leaks, HEAP_TOLERANCE,
				THREAD_TOLERANCE, heapGrowth);
		System.out.println(report.format());
		report.write(REPORT);

		SoftAssertions softly = new SoftAssertions();
		softly.assertThat(FailingLeakDetector.isActiveFor("ByteBuf"))
			.as("Netty must use FailingLeakDetector (system property io.netty.customResourceLeakDetector)")
			.isTrue();
		softly.assertThat(warmup.failureSamples()).as("failed warm-up cycles").isEmpty();
		softly.assertThat(run.failureSamples()).as("failed cycles (%d)", run.failures()).isEmpty();
		softly.assertThat(report.sessions()).as("Engine.IO sessions after the run").isZero();
		softly.assertThat(report.sockets()).as("sockets of the main namespace after the run").isZero();
		softly.assertThat(report.rooms()).as("rooms of the main namespace after the run").isZero();
		softly.assertThat(FailingLeakDetector.leaks()).as("Netty leak reports").isEmpty();
		softly.assertThat(after.heapUsed())
			.as("used heap after GC (before: %d bytes)", before.heapUsed())
			.isLessThanOrEqualTo((long) (before.heapUsed() * (1 + HEAP_TOLERANCE)));
		softly.assertThat(after.threads())
			.as("live threads (before: %s, after: %s)", before.threadGroups(), after.threadGroups())
			.isLessThanOrEqualTo(before.threads() + THREAD_TOLERANCE);
		softly.assertAll();
	}

	/**
	 * Run cycles, alternating polling and WebSocket, with a fresh client whose
	 * connections are closed at the end. A failed cycle is counted, and the run goes on.
	 */
	private SoakRun run(int cycles) {
		AtomicInteger failures = new AtomicInteger();
		List<String> samples = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger peakSessions = new AtomicInteger();
		LongAdder pollingNanos = new LongAdder();
		LongAdder webSocketNanos = new LongAdder();
		Disposable sampler = Flux.interval(Duration.ofMillis(50))
			.subscribe((tick) -> peakSessions.accumulateAndGet(this.io.engine().sessionCount(), Math::max));
		long start = System.nanoTime();
		try (SoakClient client = new SoakClient(this.http.port(), CONCURRENCY * 2)) {
			Flux.range(0, cycles)
				.flatMap((n) -> timed(cycle(client, n), (n % 2 == 0) ? pollingNanos : webSocketNanos)
					.onErrorResume((ex) -> {
						if (failures.incrementAndGet() <= FAILURE_SAMPLES) {
							samples.add("cycle " + n + ": " + ex.getMessage() + serverSide(ex));
						}
						return Mono.empty();
					}), CONCURRENCY)
				.blockLast(CYCLE_TIMEOUT.multipliedBy(cycles / CONCURRENCY + 1));
		}
		finally {
			sampler.dispose();
		}
		Duration duration = Duration.ofNanos(System.nanoTime() - start);
		int polling = (cycles + 1) / 2;
		return new SoakRun(cycles, polling, cycles - polling, failures.get(), List.copyOf(samples), duration,
				peakSessions.get(), mean(pollingNanos, polling), mean(webSocketNanos, cycles - polling));
	}

	private static Mono<Void> cycle(SoakClient client, int n) {
		return (n % 2 == 0) ? client.pollingCycle(n, CYCLE_TIMEOUT) : client.webSocketCycle(n, CYCLE_TIMEOUT);
	}

	private static Mono<Void> timed(Mono<Void> cycle, LongAdder nanos) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return cycle.doFinally((signal) -> nanos.add(System.nanoTime() - start));
		});
	}

	private static Duration mean(LongAdder nanos, int cycles) {
		return Duration.ofNanos(nanos.sum() / Math.max(1, cycles));
	}

	/**
	 * Describe what the server holds for the session of a failed cycle.
	 */
	private String serverSide(Throwable failure) {
		if (!(failure instanceof SoakClient.CycleFailure cycle) || cycle.sid() == null) {
			return "";
		}
		EngineIoSocket session = this.io.engine().session(cycle.sid());
		if (session == null) {
			return "; server: no such session";
		}
		return "; server: session " + (session.isOpen() ? "open" : "closing") + " on " + session.transport()
				+ ", socket "
				+ ((this.io.sockets()
					.sockets()
					.values()
					.stream()
					.anyMatch((socket) -> ServerInternals.engineSocket(socket) == session)) ? "connected" : "absent");
	}

	/**
	 * Wait until the server has no sessions and no sockets left: a session closed by its
	 * client over polling lingers for a short grace, and closes are handled on event
	 * loops. The test's assertions report what is left after the timeout.
	 */
	private void awaitIdle() throws InterruptedException {
		long deadline = System.nanoTime() + IDLE_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (this.io.engine().sessionCount() == 0 && this.io.sockets().sockets().isEmpty()) {
				return;
			}
			Thread.sleep(50);
		}
	}

}
