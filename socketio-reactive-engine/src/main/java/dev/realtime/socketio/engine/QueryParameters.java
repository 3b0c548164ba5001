package dev.realtime.socketio.engine;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The query parameters of a handshake, kept for the session's lifetime: an immutable map
 * in request order over one array of names and values, instead of a hash table of
 * entries. The names and values every Engine.IO client sends ({@code EIO=4},
 * {@code transport=websocket}) are shared constants rather than strings decoded per
 * connection.
 */
final class QueryParameters extends AbstractMap<String, List<String>> {

	private static final String[] COMMON_NAMES = { "EIO", "transport", "sid", "t", "b64" };

	private static final List<?>[] COMMON_VALUES = { List.of("4"), List.of("3"), List.of("websocket"),
			List.of("polling") };

	/** Names at even indexes, their value lists after them. */
	private final Object[] pairs;

	private QueryParameters(Object[] pairs) {
		this.pairs = pairs;
	}

	/**
	 * Return a compact read-only copy of decoded query parameters.
	 * @param query the parameters, in request order
	 * @return the copy
	 */
	static Map<String, List<String>> copyOf(Map<String, List<String>> query) {
		if (query.isEmpty()) {
			return Map.of();
		}
		Object[] pairs = new Object[query.size() * 2];
		int i = 0;
		for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
			pairs[i++] = canonicalName(parameter.getKey());
			pairs[i++] = compactValues(parameter.getValue());
		}
		return new QueryParameters(pairs);
	}

	private static String canonicalName(String name) {
		for (String common : COMMON_NAMES) {
			if (common.equals(name)) {
				return common;
			}
		}
		return name;
	}

	@SuppressWarnings("unchecked")
	private static List<String> compactValues(List<String> values) {
		if (values.size() == 1) {
			String value = values.get(0);
			for (List<?> common : COMMON_VALUES) {
				if (common.get(0).equals(value)) {
					return (List<String>) common;
				}
			}
			return List.of(value);
		}
		return List.copyOf(values);
	}

	@Override
	public int size() {
		return this.pairs.length / 2;
	}

	@Override
	public boolean containsKey(Object key) {
		return indexOf(key) >= 0;
	}

	@Override
	@SuppressWarnings("unchecked")
	public @Nullable List<String> get(Object key) {
		int index = indexOf(key);
		return (index >= 0) ? (List<String>) this.pairs[index + 1] : null;
	}

	private int indexOf(@Nullable Object key) {
		for (int i = 0; i < this.pairs.length; i += 2) {
			if (this.pairs[i].equals(key)) {
				return i;
			}
		}
		return -1;
	}

	@Override
	public Set<Map.Entry<String, List<String>>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public int size() {
				return QueryParameters.this.size();
			}

			@Override
			public Iterator<Map.Entry<String, List<String>>> iterator() {
				return new Iterator<>() {

					private int index;

					@Override
					public boolean hasNext() {
						return this.index < QueryParameters.this.pairs.length;
					}

					@Override
					@SuppressWarnings("unchecked")
					public Map.Entry<String, List<String>> next() {
						if (!hasNext()) {
							throw new NoSuchElementException();
						}
						Object[] pairs = QueryParameters.this.pairs;
						Map.Entry<String, List<String>> entry = new AbstractMap.SimpleImmutableEntry<>(
								(String) pairs[this.index], (List<String>) pairs[this.index + 1]);
						this.index += 2;
						return entry;
					}

				};
			}

		};
	}

}
