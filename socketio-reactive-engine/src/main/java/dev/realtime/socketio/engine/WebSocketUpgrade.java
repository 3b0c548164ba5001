package dev.realtime.socketio.engine;

import java.util.concurrent.TimeUnit;

import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.engine.packet.EnginePacketType;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * One upgrade of a long-polling session under way: the probe WebSocket, the timer that gives
 * up on it, and the one that keeps releasing polls until the client sends its upgrade packet.
 * Confined to the session's executor; the session decides how the upgrade ends.
 */
final class WebSocketUpgrade {

	private static final long PROBE_NOOP_INTERVAL_MS = 100;

	private final EngineIoSession session;

	private final PollingTransport polling;

	private final WebSocketTransport probe;

	private @Nullable ScheduledFuture<?> timeoutTask;

	private @Nullable ScheduledFuture<?> noopTask;

	WebSocketUpgrade(EngineIoSession session, PollingTransport polling, WebSocketTransport probe) {
		this.session = session;
		this.polling = polling;
		this.probe = probe;
	}

	WebSocketTransport probe() {
		return this.probe;
	}

	/** The event loop that reads the probe. */
	EventLoop probeLoop() {
		return this.probe.channel().eventLoop();
	}

	/** Give the client until the timeout to complete the upgrade. */
	void start(long timeoutMillis) {
		this.timeoutTask = this.session.schedule(() -> this.session.abortUpgrade(this.probe), timeoutMillis);
	}

	/**
	 * The client's probe ping: answer it, and release the waiting poll now and every
	 * {@value #PROBE_NOOP_INTERVAL_MS} ms, so that the client can pause polling (EIO4).
	 */
	void onProbePing() {
		this.probe.writeAndFlush(EnginePacket.of(EnginePacketType.PONG, "probe"));
		this.polling.flushWith(EnginePacket.NOOP);
		cancel(this.noopTask);
		this.noopTask = this.session.eventLoop().scheduleAtFixedRate(() -> this.session.execute(this::releasePoll),
				PROBE_NOOP_INTERVAL_MS, PROBE_NOOP_INTERVAL_MS, TimeUnit.MILLISECONDS);
	}

	private void releasePoll() {
		// A tick may have been queued before the timer was cancelled.
		if (this.session.isUpgrading()) {
			this.polling.flushWith(EnginePacket.NOOP);
		}
	}

	void cancelTimers() {
		cancel(this.timeoutTask);
		cancel(this.noopTask);
		this.timeoutTask = null;
		this.noopTask = null;
	}

	private static void cancel(@Nullable ScheduledFuture<?> task) {
		if (task != null) {
			task.cancel(false);
		}
	}

}
