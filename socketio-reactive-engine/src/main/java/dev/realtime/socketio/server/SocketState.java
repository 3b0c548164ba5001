package dev.realtime.socketio.server;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.realtime.socketio.internal.RandomIds;
import dev.realtime.socketio.server.adapter.RestoredSession;
import dev.realtime.socketio.server.adapter.SocketIoAdapter;
import dev.realtime.socketio.server.adapter.SocketIoSession;
import org.jspecify.annotations.Nullable;

/**
 * What a socket's session is made of besides its id, the part connection state recovery
 * keeps and restores: the private session id (with recovery on), and two maps:
 * {@code data}, which the adapter shares with other nodes and recovery restores, and
 * {@code attributes}, node-local and never serialized. Each map is created on first use:
 * most sockets never touch them, and an idle connection should cost as little as it can
 * (the id stays in the socket for the same reason: one field, not two).
 */
final class SocketState {

	/** The private session id, with connection state recovery on. */
	private final @Nullable String pid;

	private volatile @Nullable Map<String, Object> data;

	private volatile @Nullable Map<String, Object> attributes;

	private SocketState(@Nullable String pid, Map<String, Object> restoredData) {
		this.pid = pid;
		if (!restoredData.isEmpty()) {
			this.data = new ConcurrentHashMap<>(restoredData);
		}
	}

	/**
	 * The state of a socket connecting to a namespace: taken from the session the adapter
	 * restored, or new.
	 * @param namespace the namespace
	 * @param restored the restored session, or {@code null} for a new socket
	 * @return the state
	 */
	static SocketState of(DefaultNamespace namespace, @Nullable RestoredSession restored) {
		if (restored != null) {
			return new SocketState(restored.session().pid(), restored.session().data());
		}
		String pid = (namespace.server().options().connectionStateRecovery() != null) ? RandomIds.next() : null;
		return new SocketState(pid, Map.of());
	}

	@Nullable String pid() {
		return this.pid;
	}

	Map<String, Object> data() {
		Map<String, Object> data = this.data;
		if (data == null) {
			synchronized (this) {
				data = this.data;
				if (data == null) {
					data = new ConcurrentHashMap<>();
					this.data = data;
				}
			}
		}
		return data;
	}

	Map<String, Object> attributes() {
		Map<String, Object> attributes = this.attributes;
		if (attributes == null) {
			synchronized (this) {
				attributes = this.attributes;
				if (attributes == null) {
					attributes = new ConcurrentHashMap<>();
					this.attributes = attributes;
				}
			}
		}
		return attributes;
	}

	/**
	 * Hand the session to the adapter to keep for recovery, with the data as it is now
	 * (without creating the map); nothing with connection state recovery off.
	 * @param adapter the namespace's adapter
	 * @param id the socket id
	 * @param rooms the rooms the socket was in
	 */
	void keep(SocketIoAdapter adapter, String id, Set<String> rooms) {
		Map<String, Object> data = this.data;
		if (this.pid != null) {
			adapter.persistSession(new SocketIoSession(id, this.pid, rooms, (data != null) ? data : Map.of()));
		}
	}

}
