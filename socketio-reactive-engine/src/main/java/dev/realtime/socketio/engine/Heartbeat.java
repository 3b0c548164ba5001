package dev.realtime.socketio.engine;

import java.util.List;

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
final class Heartbeat implements SessionHeartbeat {

	private final EngineIoSession session;

	private final EngineIoOptions options;

	private @Nullable ScheduledFuture<?> pingTask;

	private @Nullable ScheduledFuture<?> pingTimeoutTask;

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
		cancel(this.pingTask);
		this.pingTask = this.session.schedule(this::ping, this.options.pingInterval().toMillis());
	}

	@Override
	public void onPing() {
		this.session.close(EngineIoCloseReason.TRANSPORT_ERROR, "invalid heartbeat direction");
	}

	@Override
	public void onPong() {
		this.awaitingPong = false;
		cancel(this.pingTimeoutTask);
		this.pingTimeoutTask = null;
		start();
	}

	@Override
	public void onPacket(EnginePacketType type) {
		if (type != EnginePacketType.PONG && this.awaitingPong && !this.refreshed) {
			this.refreshed = true;
			schedulePingTimeout();
		}
	}

	@Override
	public void stop() {
		cancel(this.pingTask);
		cancel(this.pingTimeoutTask);
	}

	private void ping() {
		if (!this.session.isOpen()) {
			return;
		}
		this.session.send(List.of(EnginePacket.PING));
		this.awaitingPong = true;
		this.refreshed = false;
		schedulePingTimeout();
	}

	private void schedulePingTimeout() {
		cancel(this.pingTimeoutTask);
		this.pingTimeoutTask = this.session.schedule(() -> {
			// The timer may have fired while a pong was being handled on another thread.
			if (this.awaitingPong) {
				this.session.close(EngineIoCloseReason.PING_TIMEOUT, "");
			}
		}, this.options.pingTimeout().toMillis());
	}

	private static void cancel(@Nullable ScheduledFuture<?> task) {
		if (task != null) {
			task.cancel(false);
		}
	}

}
