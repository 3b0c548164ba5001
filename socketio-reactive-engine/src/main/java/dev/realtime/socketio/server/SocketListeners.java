package dev.realtime.socketio.server;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.realtime.socketio.protocol.SocketIoPacket;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The listeners and packet middlewares of one socket, and how incoming events reach them
 * (rate limit, middlewares, catch-all listeners, then the event's own): a listener that
 * throws is logged and does not stop the others. Registration is safe from any thread;
 * the lists and the map of them are immutable and replaced on change (copy-on-write), so
 * that a socket without listeners of a kind holds only the shared empty list and readers
 * iterate a snapshot.
 */
final class SocketListeners {

	private static final Logger logger = Loggers.getLogger(SocketListeners.class);

	private static final ObjectNode RATE_LIMITED_REPLY = JsonNodeFactory.instance.objectNode()
		.put("error", DisconnectReason.RATE_LIMITED.wireName());

	private final DefaultSocketIoSocket socket;

	private final @Nullable SocketRateLimiter rateLimiter;

	// Immutable lists and maps, replaced while holding the lock of this object

	/**
	 * Immutable lists by event, in an immutable map: registration is rare (mostly while
	 * the socket connects) and every idle socket keeps this map, which is several times
	 * smaller than a concurrent one.
	 */
	private volatile Map<String, List<EventListener>> events = Map.of();

	private volatile List<AnyListener> any = List.of();

	private volatile List<AnyListener> anyOutgoing = List.of();

	private volatile List<PacketMiddleware> middlewares = List.of();

	private volatile List<Consumer<Throwable>> errors = List.of();

	private volatile List<Consumer<DisconnectReason>> disconnecting = List.of();

	private volatile List<BiConsumer<DisconnectReason, String>> disconnect = List.of();

	SocketListeners(DefaultSocketIoSocket socket, @Nullable SocketRateLimiter rateLimiter) {
		this.socket = socket;
		this.rateLimiter = rateLimiter;
	}

	// Registration, from any thread

	void on(String event, EventListener listener) {
		Objects.requireNonNull(event, "event must not be null");
		Objects.requireNonNull(listener, "listener must not be null");
		synchronized (this) {
			this.events = with(this.events, event, Listeners.append(this.events.get(event), listener));
		}
	}

	void off(String event, EventListener listener) {
		synchronized (this) {
			List<EventListener> listeners = this.events.get(event);
			if (listeners != null) {
				this.events = with(this.events, event, Listeners.removeOrNull(listeners, listener));
			}
		}
	}

	/** A copy of the map with the event's listeners replaced, or removed for null. */
	private static Map<String, List<EventListener>> with(Map<String, List<EventListener>> events, String event,
			@Nullable List<EventListener> listeners) {
		Map<String, List<EventListener>> copy = new HashMap<>(events);
		if (listeners == null) {
			copy.remove(event);
		}
		else {
			copy.put(event, listeners);
		}
		return Map.copyOf(copy);
	}

	void onAny(AnyListener listener) {
		Objects.requireNonNull(listener, "listener must not be null");
		synchronized (this) {
			this.any = Listeners.append(this.any, listener);
		}
	}

	void prependAny(AnyListener listener) {
		Objects.requireNonNull(listener, "listener must not be null");
		synchronized (this) {
			this.any = Listeners.prepend(this.any, listener);
		}
	}

	void offAny(AnyListener listener) {
		synchronized (this) {
			this.any = Listeners.remove(this.any, listener);
		}
	}

	void onAnyOutgoing(AnyListener listener) {
		Objects.requireNonNull(listener, "listener must not be null");
		synchronized (this) {
			this.anyOutgoing = Listeners.append(this.anyOutgoing, listener);
		}
	}

	void use(PacketMiddleware middleware) {
		Objects.requireNonNull(middleware, "middleware must not be null");
		synchronized (this) {
			this.middlewares = Listeners.append(this.middlewares, middleware);
		}
	}

	void onError(Consumer<Throwable> listener) {
		Objects.requireNonNull(listener, "listener must not be null");
		synchronized (this) {
			this.errors = Listeners.append(this.errors, listener);
		}
	}

	void onDisconnecting(Consumer<DisconnectReason> listener) {
		Objects.requireNonNull(listener, "listener must not be null");
		synchronized (this) {
			this.disconnecting = Listeners.append(this.disconnecting, listener);
		}
	}

	void onDisconnect(BiConsumer<DisconnectReason, String> listener) {
		Objects.requireNonNull(listener, "listener must not be null");
		synchronized (this) {
			this.disconnect = Listeners.append(this.disconnect, listener);
		}
	}

	// Invocation, in the connection's context

	boolean hasOutgoingListeners() {
		return !this.anyOutgoing.isEmpty();
	}

	void notifyOutgoing(String event, ArrayNode data) {
		if (this.anyOutgoing.isEmpty()) {
			return;
		}
		ArrayNode args = Payloads.eventArgs(data);
		for (AnyListener listener : this.anyOutgoing) {
			try {
				listener.onAny(event, args);
			}
			catch (RuntimeException ex) {
				logger.error("Outgoing listener of socket " + this.socket.id() + " failed", ex);
			}
		}
	}

	/**
	 * Take an incoming event through the rate limit and the packet middlewares to the
	 * listeners.
	 */
	void onEvent(SocketIoPacket packet) {
		ArrayNode data = packet.arrayData();
		String event = Payloads.eventName(data);
		ArrayNode args = Payloads.eventArgs(data);
		AckSender ack = packet.hasAckId() ? new DefaultAckSender(this.socket, packet.ackId()) : null;
		String namespace = this.socket.namespace().name();
		this.socket.namespace().server().metrics().eventReceived(namespace, event);
		if (this.rateLimiter != null && !this.rateLimiter.tryAcquire(event)) {
			rateLimited(namespace, event, ack);
			return;
		}
		List<PacketMiddleware> middlewares = this.middlewares;
		if (middlewares.isEmpty()) {
			dispatch(event, args, ack);
			return;
		}
		SocketIoClient client = this.socket.client();
		Flux.fromIterable(middlewares)
			.concatMap((middleware) -> middleware.handle(this.socket, event, args))
			.then()
			.subscribe(null, (error) -> client.execute(() -> notifyError(error)),
					() -> client.execute(() -> dispatch(event, args, ack)));
	}

	private void rateLimited(String namespace, String event, @Nullable AckSender ack) {
		this.socket.namespace().server().metrics().eventRateLimited(namespace, event);
		if (ack != null) {
			ack.send(RATE_LIMITED_REPLY);
		}
		if (this.rateLimiter != null && this.rateLimiter.abusive()) {
			this.socket.client().conn().close(DisconnectReason.RATE_LIMITED.wireName());
		}
	}

	/**
	 * Hand an event to the catch-all listeners, then to the namespace's listeners of the
	 * event, then to the socket's own, unless the socket has disconnected meanwhile.
	 */
	private void dispatch(String event, ArrayNode args, @Nullable AckSender ack) {
		if (!this.socket.connected()) {
			return;
		}
		for (AnyListener listener : this.any) {
			try {
				listener.onAny(event, args, ack);
			}
			catch (RuntimeException ex) {
				logger.error("Catch-all listener of socket " + this.socket.id() + " failed", ex);
			}
		}
		for (SocketEventListener listener : this.socket.namespace().socketEventListeners(event)) {
			try {
				listener.onEvent(this.socket, args, ack);
			}
			catch (RuntimeException ex) {
				listenerFailed(event, ex);
			}
		}
		List<EventListener> eventListeners = this.events.get(event);
		if (eventListeners == null) {
			return;
		}
		for (EventListener listener : eventListeners) {
			try {
				listener.onEvent(args, ack);
			}
			catch (RuntimeException ex) {
				listenerFailed(event, ex);
			}
		}
	}

	private void listenerFailed(String event, RuntimeException ex) {
		logger.error("Listener for event '" + event + "' of socket " + this.socket.id() + " failed", ex);
		this.socket.namespace().server().metrics().handlerFailed(this.socket.namespace().name(), event, ex);
		notifyError(ex);
	}

	void notifyError(Throwable error) {
		for (Consumer<Throwable> listener : this.errors) {
			try {
				listener.accept(error);
			}
			catch (RuntimeException ex) {
				logger.error("Error listener of socket " + this.socket.id() + " failed", ex);
			}
		}
	}

	void notifyDisconnecting(DisconnectReason reason) {
		for (Consumer<DisconnectReason> listener : this.disconnecting) {
			try {
				listener.accept(reason);
			}
			catch (RuntimeException ex) {
				logger.error("Disconnecting listener of socket " + this.socket.id() + " failed", ex);
			}
		}
	}

	void notifyDisconnect(DisconnectReason reason, String description) {
		for (BiConsumer<DisconnectReason, String> listener : this.disconnect) {
			try {
				listener.accept(reason, description);
			}
			catch (RuntimeException ex) {
				logger.error("Disconnect listener of socket " + this.socket.id() + " failed", ex);
			}
		}
	}

}
