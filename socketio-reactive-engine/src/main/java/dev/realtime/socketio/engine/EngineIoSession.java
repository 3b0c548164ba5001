package dev.realtime.socketio.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * One Engine.IO session. Its state is confined to its {@link SessionExecutor}: every method
 * that is not marked thread-safe runs as one of its tasks, one at a time, so the session
 * needs no locks.
 */
final class EngineIoSession implements EngineIoSocket {

	private static final Logger logger = Loggers.getLogger(EngineIoSession.class);

	private static final long POLLING_CLOSE_TIMEOUT_MS = 30_000;

	private static final long PROBE_NOOP_INTERVAL_MS = 100;

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

	/** Packets waiting for a poll; created by the first one (a WebSocket session has none). */
	private @Nullable ArrayDeque<EnginePacket> pollBuffer;

	private long pollBufferBytes;

	/** Guards against two POSTs in flight; checked on the request's own thread. */
	final AtomicBoolean postInFlight = new AtomicBoolean();

	private volatile EngineIoTransport transport;

	private @Nullable WebSocketTransport webSocket;

	private @Nullable WebSocketTransport probe;

	private @Nullable MonoSink<PollResponse> pendingPoll;

	private EngineIoSocketListener listener = NO_LISTENER;

	private volatile State state = State.OPEN;

	private @Nullable String closeReason;

	private @Nullable ScheduledFuture<?> pingTask;

	private @Nullable ScheduledFuture<?> pingTimeoutTask;

	private boolean awaitingPong;

	private @Nullable ScheduledFuture<?> upgradeTimeoutTask;

	private @Nullable ScheduledFuture<?> probeNoopTask;

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
	private ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
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
		schedulePing();
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
		return this.pendingPoll != null && pollBufferSize() == 0;
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
			pollBuffer().addAll(packets);
			for (int i = 0; i < packets.size(); i++) {
				this.pollBufferBytes += packets.get(i).estimatedSize();
			}
			if (this.pollBufferBytes > this.options.maxBufferedBytes()
					|| pollBufferSize() > this.options.maxBufferedPackets()) {
				overflow(packets.size());
				return;
			}
			flushPoll();
		}
	}

	/**
	 * A slow reader must not grow the heap without bound: past the outbound limit the
	 * session is closed and what it held is dropped.
	 */
	private void overflow(int packets) {
		this.server.onPacketsDropped(this, Math.max(packets, pollBufferSize()), EngineIoServerListener.BACKPRESSURE);
		clearPollBuffer();
		close(EngineIoCloseReason.BUFFER_OVERFLOW, "outbound buffer limit reached");
	}

	private ArrayDeque<EnginePacket> pollBuffer() {
		ArrayDeque<EnginePacket> buffer = this.pollBuffer;
		if (buffer == null) {
			buffer = new ArrayDeque<>();
			this.pollBuffer = buffer;
		}
		return buffer;
	}

	private int pollBufferSize() {
		ArrayDeque<EnginePacket> buffer = this.pollBuffer;
		return (buffer != null) ? buffer.size() : 0;
	}

	/** A copy of the packets waiting for a poll. */
	private List<EnginePacket> bufferedPackets() {
		ArrayDeque<EnginePacket> buffer = this.pollBuffer;
		return (buffer != null) ? new ArrayList<>(buffer) : new ArrayList<>(1);
	}

	private void clearPollBuffer() {
		ArrayDeque<EnginePacket> buffer = this.pollBuffer;
		if (buffer != null) {
			buffer.clear();
		}
		this.pollBufferBytes = 0;
	}

	private void flushPoll() {
		MonoSink<PollResponse> poll = this.pendingPoll;
		if (poll != null && pollBufferSize() > 0) {
			this.pendingPoll = null;
			List<EnginePacket> packets = bufferedPackets();
			clearPollBuffer();
			poll.success(PollResponse.payload(EnginePayloadCodec.encodePayload(packets)));
		}
	}

	// Long-polling

	void onPoll(MonoSink<PollResponse> sink) {
		if (this.state == State.CLOSED) {
			sink.success(PollResponse.BAD_REQUEST);
			return;
		}
		WebSocketTransport probe = this.probe;
		if (probe != null && !probe.channel().eventLoop().inEventLoop()) {
			// An upgrade is under way on another loop, which may not have read the upgrade
			// packet the client sent before this request: that loop reads what has arrived
			// before it runs its tasks, so the poll is decided there, after the upgrade.
			EventLoop probeLoop = probe.channel().eventLoop();
			probeLoop.execute(() -> executeHere(() -> onPoll(sink), probeLoop));
			return;
		}
		if (this.pendingPoll != null) {
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
		// The request may have been cancelled before this task ran: onCancel then runs the
		// callback at once, so the poll must already be pending for it to be seen as aborted.
		this.pendingPoll = sink;
		sink.onCancel(() -> execute(() -> onPollAborted(sink)));
		if (this.pendingPoll != sink) {
			return;
		}
		if (this.state == State.CLOSING) {
			pollBuffer().add(this.closingPacket);
			flushPoll();
			finishClose();
			return;
		}
		if (this.probe != null) {
			// EIO4 upgrade: release the poll so that the client can pause polling.
			pollBuffer().add(EnginePacket.NOOP);
		}
		flushPoll();
	}

	/** Whether a GET is held open, waiting for packets. */
	boolean isPollPending() {
		return this.pendingPoll != null;
	}

	private void onPollAborted(MonoSink<PollResponse> sink) {
		if (this.pendingPoll == sink) {
			this.pendingPoll = null;
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
			onPacket(packets.get(i), true);
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
			if (ws == this.probe) {
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
		if (ws == this.webSocket && this.transport == EngineIoTransport.WEBSOCKET) {
			onPacket(packet, false);
		}
		else if (ws == this.probe) {
			onProbePacket(ws, packet);
		}
	}

	void onWebSocketClosed(WebSocketTransport ws) {
		if (ws == this.probe) {
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
		if (ws == this.probe) {
			abortUpgrade(ws);
		}
		else if (ws == this.webSocket && this.transport == EngineIoTransport.WEBSOCKET) {
			close(EngineIoCloseReason.TRANSPORT_ERROR, description);
		}
	}

	/** A WebSocket with this session's id arrived: it becomes the upgrade probe. */
	void onUpgradeSocket(WebSocketTransport ws) {
		if (this.state != State.OPEN || this.transport != EngineIoTransport.POLLING || this.probe != null) {
			// Only one WebSocket per session: a second one is closed at once.
			ws.close();
			return;
		}
		this.probe = ws;
		this.upgradeTimeoutTask = schedule(() -> abortUpgrade(ws), this.options.upgradeTimeout().toMillis());
	}

	private void onProbePacket(WebSocketTransport ws, EnginePacket packet) {
		if (packet.type() == EnginePacketType.PING && "probe".equals(packet.text())) {
			ws.writeAndFlush(EnginePacket.of(EnginePacketType.PONG, "probe"));
			releasePollForUpgrade();
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

	private void releasePollForUpgrade() {
		if (this.pendingPoll != null) {
			pollBuffer().add(EnginePacket.NOOP);
			flushPoll();
		}
		cancel(this.probeNoopTask);
		this.probeNoopTask = eventLoop().scheduleAtFixedRate(() -> execute(() -> {
			if (this.pendingPoll != null && this.probe != null) {
				pollBuffer().add(EnginePacket.NOOP);
				flushPoll();
			}
		}), PROBE_NOOP_INTERVAL_MS, PROBE_NOOP_INTERVAL_MS, TimeUnit.MILLISECONDS);
	}

	private void completeUpgrade(WebSocketTransport ws) {
		cancelUpgradeTimers();
		this.probe = null;
		this.webSocket = ws;
		MonoSink<PollResponse> poll = this.pendingPoll;
		List<EnginePacket> buffered = bufferedPackets();
		buffered.removeIf((packet) -> packet.type() == EnginePacketType.NOOP);
		clearPollBuffer();
		this.pollBuffer = null;
		this.transport = EngineIoTransport.WEBSOCKET;
		if (poll != null) {
			this.pendingPoll = null;
			poll.success(PollResponse.payload(EnginePayloadCodec.encodePayload(List.of(EnginePacket.NOOP))));
		}
		if (!buffered.isEmpty()) {
			ws.write(buffered);
		}
		this.server.onUpgrade(this);
	}

	private void deliverCloseOverUpgrade(WebSocketTransport ws) {
		this.probe = null;
		List<EnginePacket> buffered = bufferedPackets();
		buffered.removeIf((packet) -> packet.type() == EnginePacketType.NOOP);
		clearPollBuffer();
		if (!buffered.isEmpty()) {
			ws.write(buffered);
		}
		ws.close();
		finishClose();
	}

	private void abortUpgrade(WebSocketTransport ws) {
		if (ws == this.probe) {
			cancelUpgradeTimers();
			this.probe = null;
		}
		ws.close();
	}

	private void cancelUpgradeTimers() {
		cancel(this.upgradeTimeoutTask);
		cancel(this.probeNoopTask);
		this.upgradeTimeoutTask = null;
		this.probeNoopTask = null;
	}

	// Packets and heartbeat

	private void onPacket(EnginePacket packet, boolean polling) {
		switch (packet.type()) {
			case MESSAGE -> deliver(packet);
			case PONG -> onPong();
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

	private void schedulePing() {
		cancel(this.pingTask);
		this.pingTask = schedule(this::ping, this.options.pingInterval().toMillis());
	}

	private void ping() {
		if (this.state != State.OPEN) {
			return;
		}
		write(List.of(EnginePacket.PING));
		cancel(this.pingTimeoutTask);
		this.awaitingPong = true;
		this.pingTimeoutTask = schedule(() -> {
			// The timer may have fired while a pong was being handled on another thread.
			if (this.awaitingPong) {
				close(EngineIoCloseReason.PING_TIMEOUT, "");
			}
		}, this.options.pingTimeout().toMillis());
	}

	private void onPong() {
		this.awaitingPong = false;
		cancel(this.pingTimeoutTask);
		this.pingTimeoutTask = null;
		schedulePing();
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
		cancelTimers();
		WebSocketTransport probing = this.probe;
		// A client in the middle of an upgrade has paused polling: it will only hear about a
		// server-side close on the new WebSocket, once it sends its upgrade packet.
		boolean keepProbe = probing != null && this.transport == EngineIoTransport.POLLING
				&& this.pendingPoll == null && EngineIoCloseReason.FORCED_CLOSE.equals(reason);
		if (probing != null && !keepProbe) {
			this.probe = null;
			probing.close();
		}
		boolean clientClose = EngineIoCloseReason.TRANSPORT_CLOSE.equals(reason);
		if (this.transport == EngineIoTransport.POLLING) {
			MonoSink<PollResponse> poll = this.pendingPoll;
			if (poll == null && (clientClose || EngineIoCloseReason.FORCED_CLOSE.equals(reason))) {
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
			if (poll != null) {
				this.pendingPoll = null;
				EnginePacket last = EngineIoCloseReason.TRANSPORT_CLOSE.equals(reason) ? EnginePacket.NOOP
						: EnginePacket.CLOSE;
				pollBuffer().add(last);
				List<EnginePacket> packets = bufferedPackets();
				clearPollBuffer();
				poll.success(PollResponse.payload(EnginePayloadCodec.encodePayload(packets)));
			}
		}
		else {
			WebSocketTransport ws = this.webSocket;
			if (ws != null) {
				ws.close();
			}
		}
		this.state = State.CLOSED;
		clearPollBuffer();
		this.server.remove(this);
		notifyClosed(reason, description);
	}

	/** Close for a server shutdown, without waiting for a last poll. */
	void shutdown() {
		if (this.state == State.OPEN) {
			close(EngineIoCloseReason.SERVER_SHUTTING_DOWN, "");
		}
		else if (this.state == State.CLOSING) {
			MonoSink<PollResponse> poll = this.pendingPoll;
			this.pendingPoll = null;
			if (poll != null) {
				poll.success(PollResponse.payload(this.closingPacket.pollingForm()));
			}
			finishClose();
		}
	}

	private void finishClose() {
		if (this.state == State.CLOSED) {
			return;
		}
		cancel(this.closeTimeoutTask);
		cancelUpgradeTimers();
		WebSocketTransport probing = this.probe;
		if (probing != null) {
			this.probe = null;
			probing.close();
		}
		this.state = State.CLOSED;
		clearPollBuffer();
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

	private void cancelTimers() {
		cancel(this.pingTask);
		cancel(this.pingTimeoutTask);
		cancelUpgradeTimers();
	}

	private static void cancel(@Nullable ScheduledFuture<?> task) {
		if (task != null) {
			task.cancel(false);
		}
	}

}
