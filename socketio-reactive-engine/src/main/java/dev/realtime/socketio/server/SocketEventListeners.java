package dev.realtime.socketio.server;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The socket-event listeners of a namespace ({@link Namespace#onSocketEvent}), by event:
 * an immutable map replaced on registration, which is rare, so that every event reads it
 * without a lock.
 */
final class SocketEventListeners {

	private volatile Map<String, List<SocketEventListener>> byEvent = Map.of();

	synchronized void add(String event, SocketEventListener listener) {
		Objects.requireNonNull(event, "event must not be null");
		Objects.requireNonNull(listener, "listener must not be null");
		Map<String, List<SocketEventListener>> copy = new HashMap<>(this.byEvent);
		copy.put(event, Listeners.append(copy.get(event), listener));
		this.byEvent = Map.copyOf(copy);
	}

	List<SocketEventListener> get(String event) {
		return this.byEvent.getOrDefault(event, List.of());
	}

}
