package dev.realtime.socketio.engine;

import java.util.List;

import dev.realtime.socketio.engine.packet.EnginePacket;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * The heartbeat of an Engine.IO v3 session, the reverse of v4's: the client pings, the
 * server answers each ping with a pong, and closes the session when no ping came within
 * the ping interval plus the ping timeout (reference server, {@code allowEIO3}). A pong
 * from the client is a protocol error. Confined to the session's executor.
 */
final class ClientPingHeartbeat implements SessionHeartbeat {

	private static final List<EnginePacket> PONG = List.of(EnginePacket.PONG);

	private final EngineIoSession session;

	private final long timeoutMillis;

	private @Nullable ScheduledFuture<?> timeoutTask;

	/** Pings seen, so that a timer that fired as a ping was handled is ignored. */
	private long pings;

	ClientPingHeartbeat(EngineIoSession session, EngineIoOptions options) {
		this.session = session;
		this.timeoutMillis = options.pingInterval().toMillis() + options.pingTimeout().toMillis();
	}

	@Override
	public void start() {
		cancel();
		long seen = this.pings;
		this.timeoutTask = this.session.schedule(() -> {
			if (this.pings == seen) {
				this.session.close(EngineIoCloseReason.PING_TIMEOUT, "");
			}
		}, this.timeoutMillis);
	}

	@Override
	public void onPing() {
		this.pings++;
		this.session.send(PONG);
		start();
	}

	@Override
	public void onPong() {
		this.session.close(EngineIoCloseReason.TRANSPORT_ERROR, "invalid heartbeat direction");
	}

	@Override
	public void stop() {
		cancel();
	}

	private void cancel() {
		ScheduledFuture<?> task = this.timeoutTask;
		if (task != null) {
			task.cancel(false);
			this.timeoutTask = null;
		}
	}

}
