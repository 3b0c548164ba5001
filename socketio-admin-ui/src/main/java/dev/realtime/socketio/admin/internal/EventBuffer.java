package dev.realtime.socketio.admin.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Counts per second, type and sub-type (connections, packets, bytes), drained into each
 * {@code server_stats} as {@code aggregatedEvents}. Its size is bounded by the number of
 * seconds between two stats times the few types and reasons.
 */
final class EventBuffer {

	private record Key(long second, String type, @Nullable String subType) {
	}

	private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

	void push(String type, @Nullable String subType, long count) {
		long second = System.currentTimeMillis() / 1000 * 1000;
		this.counts.computeIfAbsent(new Key(second, type, subType), (k) -> new LongAdder()).add(count);
	}

	void push(String type) {
		push(type, null, 1);
	}

	/** Return the counts as the UI reads them, and forget them. */
	ArrayNode drain() {
		ArrayNode events = JsonNodeFactory.instance.arrayNode();
		List<Key> keys = new ArrayList<>(this.counts.keySet());
		for (Key key : keys) {
			LongAdder adder = this.counts.remove(key);
			if (adder == null) {
				continue;
			}
			ObjectNode event = events.addObject().put("timestamp", key.second()).put("type", key.type());
			if (key.subType() != null) {
				event.put("subType", key.subType());
			}
			event.put("count", adder.sum());
		}
		return events;
	}

}
