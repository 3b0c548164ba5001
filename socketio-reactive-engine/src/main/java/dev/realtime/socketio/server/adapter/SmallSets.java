package dev.realtime.socketio.server.adapter;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Copy-on-write changes of small immutable sets (a socket's rooms): a set of one or two
 * is a single small object, where a concurrent set costs a table and a node per element.
 */
final class SmallSets {

	private SmallSets() {
	}

	/** The set with the element added. */
	@SuppressWarnings("unchecked")
	static Set<String> with(@Nullable Set<String> set, String element) {
		if (set == null || set.isEmpty()) {
			return Set.of(element);
		}
		if (set.contains(element)) {
			return set;
		}
		String[] elements = set.toArray(new String[set.size() + 1]);
		elements[set.size()] = element;
		return Set.of(elements);
	}

	/** The set with the element removed, or {@code null} when none is left. */
	static @Nullable Set<String> without(Set<String> set, String element) {
		if (!set.contains(element)) {
			return set;
		}
		if (set.size() == 1) {
			return null;
		}
		String[] elements = new String[set.size() - 1];
		int i = 0;
		for (String kept : set) {
			if (!kept.equals(element)) {
				elements[i++] = kept;
			}
		}
		return Set.of(elements);
	}

}
