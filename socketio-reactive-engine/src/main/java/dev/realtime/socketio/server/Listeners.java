package dev.realtime.socketio.server;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Copy-on-write steps for immutable listener lists: the caller publishes the returned
 * list (through a volatile field or a concurrent map) and readers iterate a snapshot, as
 * with a {@code CopyOnWriteArrayList}, while a socket that has no listeners of a kind
 * holds only the shared empty list.
 */
final class Listeners {

	private Listeners() {
	}

	/** Return the list with the element added at the end. */
	static <T> List<T> append(@Nullable List<T> list, T element) {
		if (list == null || list.isEmpty()) {
			return List.of(element);
		}
		Object[] copy = list.toArray(new Object[list.size() + 1]);
		copy[copy.length - 1] = element;
		return of(copy);
	}

	/** Return the list with the element added at the start. */
	static <T> List<T> prepend(List<T> list, T element) {
		if (list.isEmpty()) {
			return List.of(element);
		}
		Object[] copy = new Object[list.size() + 1];
		copy[0] = element;
		for (int i = 0; i < list.size(); i++) {
			copy[i + 1] = list.get(i);
		}
		return of(copy);
	}

	/** Return the list without the first element equal to the given one. */
	static <T> List<T> remove(List<T> list, Object element) {
		int index = list.indexOf(element);
		if (index < 0) {
			return list;
		}
		Object[] copy = new Object[list.size() - 1];
		for (int i = 0, j = 0; i < list.size(); i++) {
			if (i != index) {
				copy[j++] = list.get(i);
			}
		}
		return of(copy);
	}

	/**
	 * As {@link #remove}, but {@code null} when nothing is left (removes a map entry).
	 */
	static <T> @Nullable List<T> removeOrNull(List<T> list, Object element) {
		List<T> result = remove(list, element);
		return result.isEmpty() ? null : result;
	}

	@SuppressWarnings("unchecked")
	private static <T> List<T> of(Object[] elements) {
		return (List<T>) List.of(elements);
	}

}
