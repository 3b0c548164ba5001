package dev.realtime.socketio.engine;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.realtime.socketio.engine.packet.EngineIoParseException;
import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.engine.packet.EnginePacketType;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * One upgrade of a long-polling session under way: the probe WebSocket and what arrives
 * on it, the timer that gives up on it, and the one that keeps releasing polls until the
 * client sends its upgrade packet. Confined to the session's executor.
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
		this.timeoutTask = this.session.schedule(() -> this.session.webSockets().abortUpgrade(this.probe),
				timeoutMillis);
	}

	void onText(String text) {
		EnginePacket packet;
		try {
			packet = this.session.protocol().decodePacket(text);
		}
		catch (EngineIoParseException ex) {
			this.session.webSockets().abortUpgrade(this.probe);
			return;
		}
		onPacket(packet);
	}

	void onBinary(byte[] data) {
		// Only the probe ping and the upgrade packet belong here: binary aborts.
		this.session.webSockets().abortUpgrade(this.probe);
	}

	private void onPacket(EnginePacket packet) {
		if (packet.type() == EnginePacketType.PING && "probe".equals(packet.text())) {
			onProbePing();
		}
		else if (packet.type() == EnginePacketType.UPGRADE && this.session.isClosing()) {
			deliverClose();
		}
		else if (packet.type() == EnginePacketType.UPGRADE) {
			complete();
		}
		else {
			this.session.webSockets().abortUpgrade(this.probe);
		}
	}

	/**
	 * The client's probe ping: answer it, and from now on release a waiting poll with a
	 * noop every {@value #PROBE_NOOP_INTERVAL_MS} ms, so that the client can pause
	 * polling (EIO4). As in the reference, the first noop waits for the first tick: the
	 * client pauses polling only once it has the probe's answer, and a poll released
	 * before that is only followed by another one.
	 */
	private void onProbePing() {
		this.probe.writeAndFlush(EnginePacket.of(EnginePacketType.PONG, "probe"));
		cancel(this.noopTask);
		this.noopTask = this.session.eventLoop()
			.scheduleAtFixedRate(() -> this.session.execute(this::releasePoll), PROBE_NOOP_INTERVAL_MS,
					PROBE_NOOP_INTERVAL_MS, TimeUnit.MILLISECONDS);
	}

	private void releasePoll() {
		// A tick may have been queued before the timer was cancelled. Only a poll with
		// nothing to carry gets the noop: one with packets was answered when they came.
		if (this.session.webSockets().upgrade() == this && this.polling.writable()) {
			this.polling.flushWith(EnginePacket.NOOP);
		}
	}

	/** The client's upgrade packet: the probe carries the session from now on. */
	private void complete() {
		this.session.webSockets().endUpgrade();
		List<EnginePacket> buffered = this.polling.takeMessages();
		this.polling.release();
		this.session.webSockets().switchTo(this.probe);
		// A client pauses polling before it sends the upgrade packet, so a GET still held
		// here
		// raced it: it gets what a poll after the upgrade gets. (The reference answers it
		// with
		// a close packet; the official suites send such a GET right after the upgrade
		// packet
		// and expect 400, and a server that read the GET first must not answer
		// otherwise.)
		this.polling.answer(PollResponse.BAD_REQUEST);
		if (!buffered.isEmpty()) {
			this.probe.write(buffered);
		}
		this.session.upgraded();
	}

	/**
	 * The session closed during the upgrade: the client hears of it on the new WebSocket.
	 */
	private void deliverClose() {
		this.session.webSockets().endUpgrade();
		List<EnginePacket> buffered = this.polling.takeMessages();
		if (!buffered.isEmpty()) {
			this.probe.write(buffered);
		}
		this.probe.close();
		this.session.finishClose();
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
