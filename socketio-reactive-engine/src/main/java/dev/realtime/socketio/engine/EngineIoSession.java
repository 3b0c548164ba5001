package dev.realtime.socketio.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.realtime.socketio.engine.packet.EngineIoParseException;
import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.engine.packet.EnginePacketType;
import dev.realtime.socketio.engine.packet.EnginePayloadCodec;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.MonoSink;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * One Engine.IO session: its lifecycle, and which transport carries its packets. Its state,
 * with that of its {@link PollingTransport}, {@link WebSocketUpgrade} and {@link Heartbeat},
 * is confined to its {@link SessionExecutor}: every method that is not marked thread-safe
 * runs as one of its tasks, one at a time, so the session needs no locks.
 */
final class EngineIoSession implements EngineIoSocket {

	private static final Logger logger = Loggers.getLogger(EngineIoSession.class);

	private static final long POLLING_CLOSE_TIMEOUT_MS = 30_000;

	private static final long CLIENT_CLOSE_GRACE_MS = 1_000;

	private static final EngineIoSocketListener NO_LISTENER = new EngineIoSocketListener() {

		@Override
		public void onText(String text) {
		}

		@Override
		public void onBinary(byte[] data) {
		}

		@Override
		public void onClose(String reason, String description) {
		}

	};

	private enum State {
		OPEN, CLOSING, CLOSED
	}

	private final String id;

	private final EngineIoServer server;

	private final EngineIoOptions options;

	private final SessionExecutor executor;

	private final EngineIoHandshake handshake;

	private final PollingTransport polling = new PollingTransport();

	private final Heartbeat heartbeat;

	private volatile EngineIoTransport transport;

	private @Nullable WebSocketTransport webSocket;

	/** The upgrade under way, if any. */
	private @Nullable WebSocketUpgrade upgrade;

	private EngineIoSocketListener listener = NO_LISTENER;

	private volatile State state = State.OPEN;

	private @Nullable String closeReason;

	private @Nullable ScheduledFuture<?> closeTimeoutTask;

	private EnginePacket closingPacket = EnginePacket.CLOSE;

	EngineIoSession(String id, EngineIoServer server, EventLoop eventLoop, EngineIoHandshake handshake,
			EngineIoTransport transport, @Nullable WebSocketTransport webSocket) {
		this.id = id;
		this.server = server;
		this.options = server.options();
		this.executor = new SessionExecutor(eventLoop);
		this.handshake = handshake;
		this.transport = transport;
		this.webSocket = webSocket;
		this.heartbeat = new Heartbeat(this, this.options);
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public EngineIoTransport transport() {
		return this.transport;
	}

	@Override
	public EngineIoHandshake handshake() {
		return this.handshake;
	}

	@Override
	public EventLoop eventLoop() {
		return this.executor.home();
	}

	@Override
	public void setListener(EngineIoSocketListener listener) {
		this.listener = listener;
	}

	@Override
	public boolean isOpen() {
		return this.state == State.OPEN;
	}

	@Override
	public void execute(Runnable task) {
		this.executor.execute(task);
	}

	@Override
	public <T> void execute(Consumer<? super T> action, T argument) {
		this.executor.execute(action, argument);
	}

	@Override
	public boolean inSession() {
		return this.executor.inSession();
	}

	/**
	 * Thread-safe: run a task for one of the session's own requests, at once on the
	 * request's event loop when the session is idle.
	 */
	void executeHere(Runnable task, EventLoop here) {
		this.executor.executeHere(task, here);
	}

	/** Thread-safe: run a task through the executor after a delay. */
	ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
		return eventLoop().schedule(() -> execute(task), delayMillis, TimeUnit.MILLISECONDS);
	}

	// Opening

	void open() {
		StringBuilder open = new StringBuilder(160).append("{\"sid\":\"").append(this.id).append("\",\"upgrades\":[");
		if (this.transport == EngineIoTransport.POLLING && this.options.allowUpgrades()) {
			open.append("\"websocket\"");
		}
		open.append("],\"pingInterval\":").append(this.options.pingInterval().toMillis())
			.append(",\"pingTimeout\":").append(this.options.pingTimeout().toMillis())
			.append(",\"maxPayload\":").append(this.options.maxHttpBufferSize()).append('}');
		List<EnginePacket> first = new ArrayList<>(2);
		first.add(EnginePacket.of(EnginePacketType.OPEN, open.toString()));
		String initial = this.options.initialPacket();
		if (initial != null) {
			first.add(EnginePacket.message(initial));
		}
		write(first);
		this.heartbeat.start();
	}

	// Sending

	@Override
	public void send(EnginePacket packet) {
		send(List.of(packet));
	}

	@Override
	public void send(List<EnginePacket> packets) {
		execute(this::write, packets);
	}

	@Override
	public void sendVolatile(List<EnginePacket> packets) {
		execute(() -> {
			if (writable()) {
				write(packets);
			}
			else if (this.state == State.OPEN) {
				this.server.onPacketsDropped(this, packets.size(), EngineIoServerListener.VOLATILE);
			}
		});
	}

	private boolean writable() {
		if (this.state != State.OPEN) {
			return false;
		}
		WebSocketTransport ws = this.webSocket;
		if (this.transport == EngineIoTransport.WEBSOCKET && ws != null) {
			return ws.writable();
		}
		return this.polling.writable();
	}

	private void write(List<EnginePacket> packets) {
		if (this.state != State.OPEN) {
			return;
		}
		WebSocketTransport ws = this.webSocket;
		if (this.transport == EngineIoTransport.WEBSOCKET && ws != null) {
			ws.write(packets);
			if (this.server.hasListeners()) {
				long sent = 0;
				for (int i = 0; i < packets.size(); i++) {
					EnginePacket packet = packets.get(i);
					sent += packet.isBinary() ? packet.binary().length : packet.textFrame().length;
				}
				this.server.onBytes(this, 0, sent);
			}
			if (ws.pendingBytes() > this.options.maxBufferedBytes()) {
				overflow(packets.size());
			}
		}
		else {
			this.polling.add(packets);
			if (this.polling.exceeds(this.options.maxBufferedBytes(), this.options.maxBufferedPackets())) {
				overflow(packets.size());
				return;
			}
			this.polling.flush();
		}
	}

	/**
	 * A slow reader must not grow the heap without bound: past the outbound limit the
	 * session is closed and what it held is dropped.
	 */
	private void overflow(int packets) {
		this.server.onPacketsDropped(this, Math.max(packets, this.polling.size()), EngineIoServerListener.BACKPRESSURE);
		this.polling.clear();
		close(EngineIoCloseReason.BUFFER_OVERFLOW, "outbound buffer limit reached");
	}

	// Long-polling

	/** The session's long-polling transport, whose POST slot a request claims on its own thread. */
	PollingTransport polling() {
		return this.polling;
	}

	void onPoll(MonoSink<PollResponse> sink) {
		if (this.state == State.CLOSED) {
			sink.success(PollResponse.BAD_REQUEST);
			return;
		}
		WebSocketUpgrade upgrade = this.upgrade;
		if (upgrade != null && !upgrade.probeLoop().inEventLoop()) {
			// An upgrade is under way on another loop, which may not have read the upgrade
			// packet the client sent before this request: that loop reads what has arrived
			// before it runs its tasks, so the poll is decided there, after the upgrade.
			EventLoop probeLoop = upgrade.probeLoop();
			probeLoop.execute(() -> executeHere(() -> onPoll(sink), probeLoop));
			return;
		}
		if (this.polling.isWaiting()) {
			// Only one GET may be in flight: the reference answers the second with 400 and
			// closes the session, completing the first with a close packet.
			sink.success(PollResponse.BAD_REQUEST);
			onError("overlapping poll");
			return;
		}
		if (this.transport != EngineIoTransport.POLLING) {
			sink.success(PollResponse.BAD_REQUEST);
			return;
		}
		if (!this.polling.hold(sink, () -> execute(() -> onPollAborted(sink)))) {
			return;
		}
		if (this.state == State.CLOSING) {
			this.polling.flushWith(this.closingPacket);
			finishClose();
		}
		else if (upgrade != null) {
			// EIO4 upgrade: release the poll so that the client can pause polling.
			this.polling.flushWith(EnginePacket.NOOP);
		}
		else {
			this.polling.flush();
		}
	}

	/** Whether a GET is held open, waiting for packets. */
	boolean isPollPending() {
		return this.polling.isWaiting();
	}

	private void onPollAborted(MonoSink<PollResponse> sink) {
		if (this.polling.abandon(sink)) {
			onError("poll connection closed prematurely");
		}
	}

	/** Handle a POST body; returns the response for the request. */
	PollResponse onPost(String body) {
		if (this.state != State.OPEN || this.transport != EngineIoTransport.POLLING) {
			return PollResponse.BAD_REQUEST;
		}
		List<EnginePacket> packets;
		try {
			packets = EnginePayloadCodec.decodePayload(body, this.options.maxPayloadPackets());
		}
		catch (EngineIoParseException ex) {
			close(EngineIoCloseReason.PARSE_ERROR, ex.getMessage());
			return PollResponse.BAD_REQUEST;
		}
		for (int i = 0; i < packets.size() && this.state == State.OPEN; i++) {
			onPacket(packets.get(i));
		}
		return PollResponse.OK;
	}

	// WebSocket

	void onWebSocketText(WebSocketTransport ws, String text) {
		EnginePacket packet;
		try {
			packet = EnginePayloadCodec.decodePacket(text);
		}
		catch (EngineIoParseException ex) {
			if (isProbe(ws)) {
				abortUpgrade(ws);
			}
			else if (ws == this.webSocket) {
				close(EngineIoCloseReason.PARSE_ERROR, ex.getMessage());
			}
			return;
		}
		onWebSocketPacket(ws, packet);
	}

	void onWebSocketBinary(WebSocketTransport ws, byte[] data) {
		onWebSocketPacket(ws, EnginePacket.message(data));
	}

	private void onWebSocketPacket(WebSocketTransport ws, EnginePacket packet) {
		WebSocketUpgrade upgrade = this.upgrade;
		if (ws == this.webSocket && this.transport == EngineIoTransport.WEBSOCKET) {
			onPacket(packet);
		}
		else if (upgrade != null && upgrade.probe() == ws) {
			onProbePacket(upgrade, packet);
		}
	}

	void onWebSocketClosed(WebSocketTransport ws) {
		if (isProbe(ws)) {
			abortUpgrade(ws);
		}
		else if (ws == this.webSocket && this.transport == EngineIoTransport.WEBSOCKET) {
			if (this.state == State.CLOSING) {
				finishClose();
			}
			else {
				close(EngineIoCloseReason.TRANSPORT_CLOSE, "");
			}
		}
	}

	/** The WebSocket failed (a frame over the limit, an I/O error): ref "transport error". */
	void onWebSocketError(WebSocketTransport ws, String description) {
		if (isProbe(ws)) {
			abortUpgrade(ws);
		}
		else if (ws == this.webSocket && this.transport == EngineIoTransport.WEBSOCKET) {
			close(EngineIoCloseReason.TRANSPORT_ERROR, description);
		}
	}

	// Upgrade

	/** A WebSocket with this session's id arrived: it becomes the upgrade probe. */
	void onUpgradeSocket(WebSocketTransport ws) {
		if (this.state != State.OPEN || this.transport != EngineIoTransport.POLLING || this.upgrade != null) {
			// Only one WebSocket per session: a second one is closed at once.
			ws.close();
			return;
		}
		WebSocketUpgrade upgrade = new WebSocketUpgrade(this, this.polling, ws);
		this.upgrade = upgrade;
		upgrade.start(this.options.upgradeTimeout().toMillis());
	}

	/** Whether an upgrade is under way. */
	boolean isUpgrading() {
		return this.upgrade != null;
	}

	private boolean isProbe(WebSocketTransport ws) {
		WebSocketUpgrade upgrade = this.upgrade;
		return upgrade != null && upgrade.probe() == ws;
	}

	private void onProbePacket(WebSocketUpgrade upgrade, EnginePacket packet) {
		WebSocketTransport ws = upgrade.probe();
		if (packet.type() == EnginePacketType.PING && "probe".equals(packet.text())) {
			upgrade.onProbePing();
		}
		else if (packet.type() == EnginePacketType.UPGRADE && this.state == State.CLOSING) {
			deliverCloseOverUpgrade(ws);
		}
		else if (packet.type() == EnginePacketType.UPGRADE) {
			completeUpgrade(ws);
		}
		else {
			abortUpgrade(ws);
		}
	}

	private void completeUpgrade(WebSocketTransport ws) {
		endUpgrade();
		this.webSocket = ws;
		List<EnginePacket> buffered = this.polling.takeMessages();
		this.polling.release();
		this.transport = EngineIoTransport.WEBSOCKET;
		this.polling.answer(PollResponse.payload(EnginePayloadCodec.encodePayload(List.of(EnginePacket.NOOP))));
		if (!buffered.isEmpty()) {
			ws.write(buffered);
		}
		this.server.onUpgrade(this);
	}

	private void deliverCloseOverUpgrade(WebSocketTransport ws) {
		this.upgrade = null;
		List<EnginePacket> buffered = this.polling.takeMessages();
		if (!buffered.isEmpty()) {
			ws.write(buffered);
		}
		ws.close();
		finishClose();
	}

	/** Thread-safe to call only from a session task: give up on an upgrade and close its probe. */
	void abortUpgrade(WebSocketTransport ws) {
		if (isProbe(ws)) {
			endUpgrade();
		}
		ws.close();
	}

	private void endUpgrade() {
		WebSocketUpgrade upgrade = this.upgrade;
		if (upgrade != null) {
			upgrade.cancelTimers();
			this.upgrade = null;
		}
	}

	// Packets

	private void onPacket(EnginePacket packet) {
		switch (packet.type()) {
			case MESSAGE -> deliver(packet);
			case PONG -> this.heartbeat.onPong();
			case PING -> onError("invalid heartbeat direction");
			case CLOSE -> close(EngineIoCloseReason.TRANSPORT_CLOSE, "");
			default -> {
				// EIO4: noop and upgrade packets from the client are ignored.
			}
		}
	}

	private void deliver(EnginePacket packet) {
		try {
			if (packet.isBinary()) {
				this.listener.onBinary(packet.binary());
			}
			else {
				this.listener.onText(packet.text());
			}
		}
		catch (RuntimeException ex) {
			logger.error("Listener of session " + this.id + " failed", ex);
		}
	}

	// Closing

	private void onError(String description) {
		close(EngineIoCloseReason.TRANSPORT_ERROR, description);
	}

	@Override
	public void close() {
		close(EngineIoCloseReason.FORCED_CLOSE);
	}

	@Override
	public void close(String reason) {
		execute(() -> close(reason, ""));
	}

	/**
	 * Close on the event loop. A server-side close over polling hands the client a close
	 * packet on its next poll (waiting up to 30 s for one, as the reference does); every
	 * other close takes effect at once.
	 */
	void close(String reason, String description) {
		if (this.state != State.OPEN) {
			return;
		}
		this.closeReason = reason;
		this.heartbeat.stop();
		WebSocketUpgrade upgrade = this.upgrade;
		if (upgrade != null) {
			upgrade.cancelTimers();
		}
		// A client in the middle of an upgrade has paused polling: it will only hear about a
		// server-side close on the new WebSocket, once it sends its upgrade packet.
		boolean keepProbe = upgrade != null && this.transport == EngineIoTransport.POLLING
				&& !this.polling.isWaiting() && EngineIoCloseReason.FORCED_CLOSE.equals(reason);
		if (upgrade != null && !keepProbe) {
			this.upgrade = null;
			upgrade.probe().close();
		}
		boolean clientClose = EngineIoCloseReason.TRANSPORT_CLOSE.equals(reason);
		if (this.transport == EngineIoTransport.POLLING) {
			if (!this.polling.isWaiting() && (clientClose || EngineIoCloseReason.FORCED_CLOSE.equals(reason))) {
				// The next poll still gets an answer: a close packet after a server-side close
				// (the reference waits 30 s for it), a noop for a poll that raced the client's
				// own close packet (a short grace). Later requests get "Session ID unknown".
				this.state = State.CLOSING;
				this.closingPacket = clientClose ? EnginePacket.NOOP : EnginePacket.CLOSE;
				this.closeTimeoutTask = schedule(this::finishClose,
						clientClose ? CLIENT_CLOSE_GRACE_MS : POLLING_CLOSE_TIMEOUT_MS);
				notifyClosed(reason, description);
				return;
			}
			this.polling.flushWith(clientClose ? EnginePacket.NOOP : EnginePacket.CLOSE);
		}
		else {
			WebSocketTransport ws = this.webSocket;
			if (ws != null) {
				ws.close();
			}
		}
		this.state = State.CLOSED;
		this.polling.clear();
		this.server.remove(this);
		notifyClosed(reason, description);
	}

	/** Close for a server shutdown, without waiting for a last poll. */
	void shutdown() {
		if (this.state == State.OPEN) {
			close(EngineIoCloseReason.SERVER_SHUTTING_DOWN, "");
		}
		else if (this.state == State.CLOSING) {
			this.polling.answer(PollResponse.payload(this.closingPacket.pollingForm()));
			finishClose();
		}
	}

	private void finishClose() {
		if (this.state == State.CLOSED) {
			return;
		}
		ScheduledFuture<?> closeTimeout = this.closeTimeoutTask;
		if (closeTimeout != null) {
			closeTimeout.cancel(false);
		}
		WebSocketUpgrade upgrade = this.upgrade;
		if (upgrade != null) {
			endUpgrade();
			upgrade.probe().close();
		}
		this.state = State.CLOSED;
		this.polling.clear();
		this.server.remove(this);
	}

	private void notifyClosed(String reason, String description) {
		try {
			this.listener.onClose(reason, description);
		}
		catch (RuntimeException ex) {
			logger.error("Close listener of session " + this.id + " failed", ex);
		}
	}

	@Nullable String closeReason() {
		return this.closeReason;
	}

}
