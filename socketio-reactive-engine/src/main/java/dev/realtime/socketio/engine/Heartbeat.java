package dev.realtime.socketio.engine;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.engine.packet.EnginePacketType;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * The heartbeat of an Engine.IO v4 session: a ping every ping interval, and a close when
 * no pong follows within the ping timeout. A ping from the client is a protocol error.
 * The first other packet received while a pong is awaited restarts the ping timeout, once
 * per ping, as Node's engine.io does (6.6): a client busy sending is alive even when its
 * pong is late (docs/protocol.md 1.6). Confined to the session's executor.
 */
final class Heartbeat implements SessionHeartbeat, Runnable {

	private final EngineIoSession session;

	private final EngineIoOptions options;

	/**
	 * The one pending timer: the next ping, or while a pong is awaited the ping timeout.
	 * The heartbeat is its own timer task, so an idle session keeps no task objects
	 * besides the scheduled future.
	 */
	private @Nullable ScheduledFuture<?> timer;

	/**
	 * When the pending timer is due ({@link System#nanoTime()}), taken before it is
	 * scheduled: a timer that fired while a pong was handled on another thread, and runs
	 * after the next timer was set, finds that timer not due yet and does nothing.
	 */
	private long due;

	private boolean awaitingPong;

	/** The ping timeout of the current ping was restarted once already. */
	private boolean refreshed;

	Heartbeat(EngineIoSession session, EngineIoOptions options) {
		this.session = session;
		this.options = options;
	}

	/** Schedule the next ping. */
	@Override
	public void start() {
		schedule(this.options.pingInterval().toMillis());
	}

	@Override
	public void onPing() {
		this.session.close(EngineIoCloseReason.TRANSPORT_ERROR, "invalid heartbeat direction");
	}

	@Override
	public void onPong() {
		this.awaitingPong = false;
		start();
	}

	@Override
	public void onPacket(EnginePacketType type) {
		if (type != EnginePacketType.PONG && this.awaitingPong && !this.refreshed) {
			this.refreshed = true;
			schedule(this.options.pingTimeout().toMillis());
		}
	}

	@Override
	public void stop() {
		cancel();
		this.due = Long.MAX_VALUE;
	}

	/** The timer fired, on the session's event loop: continue in the session. */
	@Override
	public void run() {
		if (this.session.inSession()) {
			fired();
		}
		else {
			this.session.execute(this);
		}
	}

	private void fired() {
		if (System.nanoTime() - this.due < 0 || !this.session.isOpen()) {
			return;
		}
		this.timer = null;
		if (this.awaitingPong) {
			this.session.close(EngineIoCloseReason.PING_TIMEOUT, "");
			return;
		}
		this.session.send(List.of(EnginePacket.PING));
		this.awaitingPong = true;
		this.refreshed = false;
		schedule(this.options.pingTimeout().toMillis());
	}

	private void schedule(long delayMillis) {
		cancel();
		this.due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
		this.timer = this.session.eventLoop().schedule(this, delayMillis, TimeUnit.MILLISECONDS);
	}

	private void cancel() {
		ScheduledFuture<?> timer = this.timer;
		if (timer != null) {
			timer.cancel(false);
			this.timer = null;
		}
	}

}
