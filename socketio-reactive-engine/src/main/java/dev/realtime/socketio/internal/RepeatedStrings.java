package dev.realtime.socketio.internal;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * Shares strings that many connections repeat (a host header, an origin, a client
 * address) through a small per-thread table of the last ones seen: each idle connection
 * keeps its handshake for its lifetime, and a copy per connection of the same 20 to 100
 * characters is a measurable part of its heap. A table slot holds the last string of its
 * hash, so a value that does not repeat costs one comparison and displaces one entry.
 */
public final class RepeatedStrings {

	private static final int SLOTS = 64;

	/** Longer values are rarely repeated verbatim (cookies, tokens) and not shared. */
	public static final int MAX_LENGTH = 256;

	private static final FastThreadLocal<String[]> RECENT = new FastThreadLocal<>() {

		@Override
		protected String[] initialValue() {
			return new String[SLOTS];
		}

	};

	private RepeatedStrings() {
	}

	/**
	 * Return an equal string seen before on this thread, or this one (remembered).
	 * @param value the value
	 * @return an equal string
	 */
	public static CharSequence share(CharSequence value) {
		if (!(value instanceof String string) || string.length() > MAX_LENGTH) {
			return value;
		}
		return share(string);
	}

	/**
	 * Return an equal string seen before on this thread, or this one (remembered).
	 * @param value the value
	 * @return an equal string
	 */
	public static String share(String value) {
		if (value.length() > MAX_LENGTH) {
			return value;
		}
		String[] recent = RECENT.get();
		int slot = value.hashCode() & (SLOTS - 1);
		String seen = recent[slot];
		if (value.equals(seen)) {
			return seen;
		}
		recent[slot] = value;
		return value;
	}

}
