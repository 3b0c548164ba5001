package dev.realtime.socketio.spring.boot.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.DisposableBean;

/**
 * The event loops of the server that carries Socket.IO. Reactor Netty starts
 * {@code max(4, cores)} loops; on a machine with fewer cores every hop between two
 * connections' loops (a long-polling POST answered on its GET's loop, an ack, a
 * broadcast) wakes a descheduled thread, which costs more than the hop's work
 * (docs/benchmarks.md, "Event loops"). So by default the server gets one loop per
 * available processor, and keeps Reactor Netty's shared loops where that is the same
 * count or where the {@code reactor.netty.ioWorkerCount} system property chose them.
 */
final class SocketIoEventLoops implements DisposableBean {

	static final String IO_WORKER_COUNT_PROPERTY = "reactor.netty.ioWorkerCount";

	private static final Duration DISPOSE_TIMEOUT = Duration.ofSeconds(10);

	private final @Nullable LoopResources loops;

	private final int count;

	private SocketIoEventLoops(@Nullable LoopResources loops, int count) {
		this.loops = loops;
		this.count = count;
	}

	static SocketIoEventLoops from(SocketIoProperties properties) {
		int count = count(properties.getServer().getEventLoops());
		if (count == 0) {
			return new SocketIoEventLoops(null, LoopResources.DEFAULT_IO_WORKER_COUNT);
		}
		return new SocketIoEventLoops(LoopResources.create("socketio-http", count, true), count);
	}

	/**
	 * The number of loops to create for this machine, or 0 to keep Reactor Netty's.
	 * @param configured {@code socketio.server.event-loops}, if set
	 * @return the loops to create, 0 for Reactor Netty's
	 */
	static int count(@Nullable Integer configured) {
		if (configured != null && configured < 1) {
			throw new SocketIoStartupException("socketio.server.event-loops must be at least 1, not " + configured,
					"Set socketio.server.event-loops to a positive number of threads, or unset it for one per processor.");
		}
		return resolve(configured, System.getProperty(IO_WORKER_COUNT_PROPERTY) != null,
				Runtime.getRuntime().availableProcessors(), LoopResources.DEFAULT_IO_WORKER_COUNT);
	}

	/**
	 * The number of loops to create, or 0 to run on Reactor Netty's shared ones.
	 * @param configured {@code socketio.server.event-loops}, if set
	 * @param workerCountProperty whether {@code reactor.netty.ioWorkerCount} is set
	 * @param processors the available processors
	 * @param reactorDefault Reactor Netty's own loop count
	 * @return the loops to create, 0 for Reactor Netty's
	 */
	static int resolve(@Nullable Integer configured, boolean workerCountProperty, int processors, int reactorDefault) {
		if (configured != null) {
			return configured;
		}
		if (workerCountProperty || processors == reactorDefault) {
			return 0;
		}
		return processors;
	}

	/** How many loops the server runs on. */
	int count() {
		return this.count;
	}

	/** The server, on these loops when they are the starter's own. */
	HttpServer applyTo(HttpServer server) {
		LoopResources loops = this.loops;
		return (loops != null) ? server.runOn(loops) : server;
	}

	@Override
	public void destroy() {
		LoopResources loops = this.loops;
		if (loops != null) {
			// The server has stopped by now: nothing is left for a quiet period to drain.
			loops.disposeLater(Duration.ZERO, DISPOSE_TIMEOUT).block(DISPOSE_TIMEOUT);
		}
	}

}
