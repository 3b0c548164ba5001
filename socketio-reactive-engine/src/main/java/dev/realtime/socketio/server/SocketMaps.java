package dev.realtime.socketio.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * A socket's two maps: {@code data}, which the adapter shares with other nodes and
 * connection state recovery restores, and {@code attributes}, node-local and never
 * serialized. Each is created on first use: most sockets never touch them, and an idle
 * connection should cost as little as it can.
 */
final class SocketMaps {

	private volatile @Nullable Map<String, Object> data;

	private volatile @Nullable Map<String, Object> attributes;

	/** Maps of a new socket, or of a restored one with its session's data. */
	SocketMaps(Map<String, Object> restoredData) {
		if (!restoredData.isEmpty()) {
			this.data = new ConcurrentHashMap<>(restoredData);
		}
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
	 * The data as it is now, without creating the map; for a session kept for recovery.
	 */
	Map<String, Object> dataSnapshot() {
		Map<String, Object> data = this.data;
		return (data != null) ? data : Map.of();
	}

}
