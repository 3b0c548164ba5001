package dev.realtime.socketio.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.realtime.socketio.engine.packet.EnginePacket;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * One Engine.IO session: its lifecycle, and which transport carries its packets. Its
 * state, with that of its {@link PollingTransport}, {@link WebSocketUpgrade} and
 * {@link SessionHeartbeat}, is confined to its {@link SessionExecutor}: every method that
 * is not marked thread-safe runs as one of its tasks, one at a time, so the session needs
 * no locks.
 */
final class EngineIoSession implements EngineIoSocket {

	private static final Logger logger = Loggers.getLogger(EngineIoSession.class);

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

	private static final VarHandle POLLING;

	static {
		try {
			POLLING = MethodHandles.lookup().findVarHandle(EngineIoSession.class, "polling", PollingTransport.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private enum State {

		OPEN, CLOSING, CLOSED

	}

	private final String id;

	private final EngineIoServer server;

	private final EngineIoOptions options;

	private final SessionExecutor executor;

	private final EngineIoHandshake handshake;

	private final EngineIoProtocol protocol;

	/**
	 * Created with the session when it opens over polling, else when a request first
	 * needs it: a session opened over a WebSocket never does, and keeps none.
	 */
	private volatile @Nullable PollingTransport polling;

	private final SessionHeartbeat heartbeat;

	private volatile EngineIoTransport transport;

	private final SessionWebSockets webSockets;

	private EngineIoSocketListener listener = NO_LISTENER;

	private volatile State state = State.OPEN;

	private @Nullable String closeReason;

	EngineIoSession(String id, EngineIoServer server, EventLoop eventLoop, EngineIoHandshake handshake,
			EngineIoTransport transport, @Nullable WebSocketTransport webSocket) {
		this.id = id;
		this.server = server;
		this.options = server.options();
		this.executor = new SessionExecutor(eventLoop);
		this.handshake = handshake;
		this.transport = transport;
		this.webSockets = new SessionWebSockets(this, webSocket);
		this.protocol = EngineIoProtocol.of(handshake);
		this.polling = (transport == EngineIoTransport.POLLING) ? newPolling() : null;
		this.heartbeat = SessionHeartbeat.create(this, this.protocol, this.options);
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
	public EngineIoProtocol protocol() {
		return this.protocol;
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

	/** Whether the session waits for a last poll before it is closed. */
	boolean isClosing() {
		return this.state == State.CLOSING;
	}

	boolean isClosed() {
		return this.state == State.CLOSED;
	}

	EngineIoOptions options() {
		return this.options;
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
		// Only an enabled transport is offered, as the reference server does.
		boolean upgrade = this.transport == EngineIoTransport.POLLING && this.options.allowUpgrades()
				&& this.options.transports().contains(EngineIoTransport.WEBSOCKET);
		write(OpenPacket.first(this.id, upgrade, this.options));
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
		WebSocketTransport ws = this.webSockets.current();
		if (this.transport == EngineIoTransport.WEBSOCKET && ws != null) {
			return ws.writable();
		}
		return polling().writable();
	}

	private void write(List<EnginePacket> packets) {
		if (this.state != State.OPEN) {
			return;
		}
		WebSocketTransport ws = this.webSockets.current();
		if (this.transport == EngineIoTransport.WEBSOCKET && ws != null) {
			ws.write(packets);
			if (this.server.hasListeners()) {
				long sent = 0;
				for (int i = 0; i < packets.size(); i++) {
					EnginePacket packet = packets.get(i);
					sent += packet.isBinary() ? packet.binary().length : packet.textFrameLength();
				}
				this.server.onBytes(this, 0, sent);
			}
			long pending = ws.pendingBytes();
			if (pending > this.options.maxBufferedBytes()) {
				overflow(packets.size());
			}
			else {
				this.server.outboundBudget().update(this, ws, pending);
			}
		}
		else {
			PollingTransport polling = polling();
			polling.add(packets);
			if (polling.exceeds(this.options.maxBufferedBytes(), this.options.maxBufferedPackets())) {
				overflow(packets.size());
				return;
			}
			polling.flush();
		}
	}

	/**
	 * A slow reader must not grow the heap without bound: past the outbound limit the
	 * session is closed and what it held is dropped.
	 */
	private void overflow(int packets) {
		PollingTransport polling = this.polling;
		this.server.onPacketsDropped(this, Math.max(packets, (polling != null) ? polling.size() : 0),
				EngineIoServerListener.BACKPRESSURE);
		if (polling != null) {
			polling.clear();
		}
		close(EngineIoCloseReason.BUFFER_OVERFLOW, "outbound buffer limit reached");
	}

	// Long-polling

	/**
	 * The session's long-polling transport, whose POST slot a request claims on its own
	 * thread.
	 */
	PollingTransport polling() {
		PollingTransport polling = this.polling;
		if (polling != null) {
			return polling;
		}
		PollingTransport created = newPolling();
		PollingTransport witness = (PollingTransport) POLLING.compareAndExchange(this, null, created);
		return (witness != null) ? witness : created;
	}

	private PollingTransport newPolling() {
		return new PollingTransport(this, PollingPayloads.of(this.protocol, this.handshake));
	}

	private void pollingClosed() {
		PollingTransport polling = this.polling;
		if (polling != null) {
			polling.closed();
		}
	}

	// WebSocket

	/**
	 * The session's WebSocket side: the WebSocket that carries it, or the upgrade to one.
	 */
	SessionWebSockets webSockets() {
		return this.webSockets;
	}

	/**
	 * An upgrade's probe now carries the session; requests that read {@link #transport()}
	 * on other threads see it from here on.
	 */
	void carriedByWebSocket() {
		this.transport = EngineIoTransport.WEBSOCKET;
	}

	/** Tell the server's listeners that the upgrade is done. */
	void upgraded() {
		this.server.onUpgrade(this);
	}

	// Packets

	/** A packet from the client, over whichever transport carries the session. */
	void onPacket(EnginePacket packet) {
		this.heartbeat.onPacket(packet.type());
		switch (packet.type()) {
			case MESSAGE -> deliver(packet);
			case PONG -> this.heartbeat.onPong();
			case PING -> this.heartbeat.onPing();
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
		// A client in the middle of an upgrade has paused polling: it will only hear
		// about a server-side close on the new WebSocket, once it sends its upgrade
		// packet.
		this.webSockets.onSessionClose(this.webSockets.upgrade() != null && this.transport == EngineIoTransport.POLLING
				&& !polling().isWaiting() && EngineIoCloseReason.FORCED_CLOSE.equals(reason));
		boolean clientClose = EngineIoCloseReason.TRANSPORT_CLOSE.equals(reason);
		if (this.transport == EngineIoTransport.POLLING) {
			PollingTransport polling = polling();
			if (!polling.isWaiting() && (clientClose || EngineIoCloseReason.FORCED_CLOSE.equals(reason))) {
				this.state = State.CLOSING;
				polling.closeOnNextPoll(clientClose);
				notifyClosed(reason, description);
				return;
			}
			polling.flushWith(clientClose ? EnginePacket.NOOP : EnginePacket.CLOSE);
		}
		else {
			WebSocketTransport ws = this.webSockets.current();
			if (ws != null) {
				ws.close();
			}
		}
		this.state = State.CLOSED;
		pollingClosed();
		this.server.remove(this);
		notifyClosed(reason, description);
	}

	/** Close for a server shutdown, without waiting for a last poll. */
	void shutdown() {
		if (this.state == State.OPEN) {
			close(EngineIoCloseReason.SERVER_SHUTTING_DOWN, "");
		}
		else if (this.state == State.CLOSING) {
			polling().answerClosing();
			finishClose();
		}
	}

	/**
	 * End a close that waited for a last poll, or for the client's WebSocket to close.
	 */
	void finishClose() {
		if (this.state == State.CLOSED) {
			return;
		}
		this.webSockets.onSessionClosed();
		this.state = State.CLOSED;
		pollingClosed();
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
