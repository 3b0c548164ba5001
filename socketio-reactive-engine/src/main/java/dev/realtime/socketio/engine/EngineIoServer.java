package dev.realtime.socketio.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.realtime.socketio.internal.RandomIds;
import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * An Engine.IO v4 server: accepts sessions over long-polling and WebSocket under one
 * path.
 * <p>
 * It is not bound to a port itself: mount it on Reactor Netty routes with
 * {@code dev.realtime.socketio.netty.EngineIoRoutes}, next to other routes or on a
 * standalone server.
 *
 * @since 0.1.0
 */
public final class EngineIoServer {

	private static final Logger logger = Loggers.getLogger(EngineIoServer.class);

	private final EngineIoOptions options;

	private final Map<String, EngineIoSession> sessions = new ConcurrentHashMap<>();

	private final List<EngineIoServerListener> listeners = new CopyOnWriteArrayList<>();

	private final EngineIoRequestHandler requestHandler;

	private final ConnectionLimiter limiter;

	private final OutboundBudget outboundBudget;

	private volatile Consumer<EngineIoSocket> connectionHandler = (socket) -> {
	};

	private volatile boolean shuttingDown;

	private EngineIoServer(EngineIoOptions options) {
		this.options = options;
		this.limiter = new ConnectionLimiter(options.limits());
		this.outboundBudget = new OutboundBudget(options.maxTotalBufferedBytes());
		this.requestHandler = new EngineIoRequestHandler(this);
	}

	/**
	 * Create a server.
	 * @param options the settings
	 * @return the server
	 */
	public static EngineIoServer create(EngineIoOptions options) {
		return new EngineIoServer(Objects.requireNonNull(options, "options"));
	}

	/**
	 * Return the settings.
	 * @return the options
	 */
	public EngineIoOptions options() {
		return this.options;
	}

	/**
	 * Set the callback for new sessions. It runs in the session's context, after the
	 * {@code open} packet was queued and before any message is delivered; it typically
	 * sets the session's listener.
	 * @param handler the callback
	 */
	public void onConnection(Consumer<EngineIoSocket> handler) {
		this.connectionHandler = Objects.requireNonNull(handler, "handler");
	}

	/**
	 * Add a listener for server-wide events (for metrics).
	 * @param listener the listener
	 */
	public void addListener(EngineIoServerListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * Whether a request is for this server's path.
	 * @param request the request
	 * @return {@code true} when the path starts with {@link EngineIoOptions#path()}
	 */
	public boolean matches(HttpServerRequest request) {
		return request.uri().startsWith(this.options.path());
	}

	/**
	 * Handle an HTTP request or WebSocket upgrade for this server's path.
	 * @param request the request
	 * @param response the response
	 * @return completion of the exchange
	 */
	public Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		return this.requestHandler.handle(request, response);
	}

	/**
	 * Return the number of open sessions.
	 * @return the number of sessions
	 */
	public int sessionCount() {
		return this.sessions.size();
	}

	/**
	 * Return the number of open sessions on a transport, without copying the sessions.
	 * @param transport the transport
	 * @return the number of sessions on it now
	 * @since 0.1.0
	 */
	public int sessionCount(EngineIoTransport transport) {
		int count = 0;
		for (EngineIoSession session : this.sessions.values()) {
			if (session.transport() == transport) {
				count++;
			}
		}
		return count;
	}

	/**
	 * Return the open sessions.
	 * @return a snapshot of the sessions
	 */
	public Collection<EngineIoSocket> sessions() {
		return Collections.unmodifiableCollection(new ArrayList<>(this.sessions.values()));
	}

	/**
	 * Return a session by id.
	 * @param id the session id
	 * @return the session, or {@code null}
	 */
	public @Nullable EngineIoSocket session(String id) {
		return this.sessions.get(id);
	}

	/**
	 * Stop accepting sessions and close every open one with the reason
	 * {@link EngineIoCloseReason#SERVER_SHUTTING_DOWN}.
	 * @return completion once every session has been closed
	 */
	public Mono<Void> shutdown() {
		this.shuttingDown = true;
		List<Mono<Void>> closes = new ArrayList<>();
		for (EngineIoSession session : this.sessions.values()) {
			closes.add(Mono.<Void>create((sink) -> session.execute(() -> {
				session.shutdown();
				sink.success();
			})));
		}
		return Mono.when(closes);
	}

	OutboundBudget outboundBudget() {
		return this.outboundBudget;
	}

	ConnectionLimiter limiter() {
		return this.limiter;
	}

	/**
	 * Whether {@link #shutdown()} was called: the server accepts no more sessions.
	 * @return {@code true} once shutting down
	 * @since 0.1.0
	 */
	public boolean isShuttingDown() {
		return this.shuttingDown;
	}

	@Nullable EngineIoSession find(String id) {
		return this.sessions.get(id);
	}

	EngineIoSession createSession(EventLoop eventLoop, EngineIoHandshake handshake, EngineIoTransport transport,
			@Nullable WebSocketTransport webSocket) {
		return createSession(RandomIds.next(), eventLoop, handshake, transport, webSocket);
	}

	EngineIoSession createSession(String preferredId, EventLoop eventLoop, EngineIoHandshake handshake,
			EngineIoTransport transport, @Nullable WebSocketTransport webSocket) {
		String id = preferredId;
		EngineIoSession session = new EngineIoSession(id, this, eventLoop, handshake, transport, webSocket);
		while (this.sessions.putIfAbsent(id, session) != null) {
			id = RandomIds.next();
			session = new EngineIoSession(id, this, eventLoop, handshake, transport, webSocket);
		}
		this.limiter.sessionOpened(handshake.remoteAddress());
		return session;
	}

	/** Runs on the session's event loop, right after creation. */
	void opened(EngineIoSession session) {
		session.open();
		for (EngineIoServerListener listener : this.listeners) {
			listener.sessionOpened(session);
		}
		try {
			this.connectionHandler.accept(session);
		}
		catch (RuntimeException ex) {
			logger.error("Connection handler failed for session " + session.id(), ex);
			session.close(EngineIoCloseReason.FORCED_CLOSE, "connection handler failed");
		}
	}

	void onUpgrade(EngineIoSession session) {
		for (EngineIoServerListener listener : this.listeners) {
			listener.sessionUpgraded(session);
		}
	}

	boolean hasListeners() {
		return !this.listeners.isEmpty();
	}

	void onBytes(EngineIoSocket session, long received, long sent) {
		for (EngineIoServerListener listener : this.listeners) {
			listener.bytesTransferred(session, received, sent);
		}
	}

	void onPacketsDropped(EngineIoSession session, int count, String reason) {
		for (EngineIoServerListener listener : this.listeners) {
			listener.packetsDropped(session, count, reason);
		}
	}

	void remove(EngineIoSession session) {
		if (this.sessions.remove(session.id(), session)) {
			this.limiter.sessionClosed(session.handshake().remoteAddress());
			String reason = session.closeReason();
			for (EngineIoServerListener listener : this.listeners) {
				listener.sessionClosed(session, (reason != null) ? reason : EngineIoCloseReason.FORCED_CLOSE);
			}
		}
	}

}
