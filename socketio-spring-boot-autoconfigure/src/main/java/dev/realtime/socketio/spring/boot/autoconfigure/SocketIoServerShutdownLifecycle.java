package dev.realtime.socketio.spring.boot.autoconfigure;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

import dev.realtime.socketio.server.SocketIoServer;

/**
 * Closes the Socket.IO server when the context stops: every socket disconnects with the
 * reason {@code server shutting down} and every Engine.IO session closes. It stops just
 * before Boot's web server graceful shutdown begins, so that open long-polling requests
 * and WebSocket connections do not hold the graceful shutdown up.
 */
class SocketIoServerShutdownLifecycle implements SmartLifecycle {

	/**
	 * One above Boot's {@code WebServerGracefulShutdownLifecycle} phase
	 * ({@code DEFAULT_PHASE - 1024}): higher phases stop first.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024 + 1;

	private static final Log logger = LogFactory.getLog(SocketIoServerShutdownLifecycle.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private final SocketIoServer server;

	private volatile boolean running;

	SocketIoServerShutdownLifecycle(SocketIoServer server) {
		this.server = server;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.server.close().block(STOP_TIMEOUT);
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		logger.debug("Closing Socket.IO server");
		this.server.close().subscribe(null, (ex) -> {
			logger.warn("Socket.IO server did not close cleanly", ex);
			callback.run();
		}, callback);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public boolean isPauseable() {
		return false;
	}

}
