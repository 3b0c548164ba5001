package dev.realtime.socketio.server;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Limits on the events a client may send, per socket, as token buckets: a rate in events
 * per second and a burst. A default applies to every namespace, a namespace may have its
 * own, and an event of a namespace may have a tighter one on top. Off by default.
 * <p>
 * An event over its limit is dropped: its listeners do not run, and a client that asked
 * for an acknowledgement gets {@code {"error":"rate limit exceeded"}}. A socket that
 * keeps going over ({@link #maxViolations()} drops in a row) loses its connection with
 * the reason {@link DisconnectReason#RATE_LIMITED}.
 *
 * @since 0.1.0
 */
public final class EventRateLimits {

	private static final EventRateLimits NONE = new EventRateLimits(null, Map.of(), Map.of(), 0);

	private final @Nullable Rate defaultRate;

	private final Map<String, Rate> namespaces;

	private final Map<String, Rate> events;

	private final int maxViolations;

	private EventRateLimits(@Nullable Rate defaultRate, Map<String, Rate> namespaces, Map<String, Rate> events,
			int maxViolations) {
		this.defaultRate = defaultRate;
		this.namespaces = Map.copyOf(namespaces);
		this.events = Map.copyOf(events);
		this.maxViolations = maxViolations;
	}

	/**
	 * No limits.
	 * @return limits that let everything through
	 */
	public static EventRateLimits none() {
		return NONE;
	}

	/**
	 * Start a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return how many drops in a row disconnect a socket (0: never).
	 * @return the number of violations
	 */
	public int maxViolations() {
		return this.maxViolations;
	}

	/**
	 * Whether any limit is set.
	 * @return {@code true} when a rate applies somewhere
	 */
	public boolean enabled() {
		return this.defaultRate != null || !this.namespaces.isEmpty() || !this.events.isEmpty();
	}

	@Nullable Rate rateFor(String namespace) {
		Rate rate = this.namespaces.get(namespace);
		return (rate != null) ? rate : this.defaultRate;
	}

	@Nullable Rate rateFor(String namespace, String event) {
		return this.events.get(namespace + " " + event);
	}

	boolean hasEventRates(String namespace) {
		if (this.events.isEmpty()) {
			return false;
		}
		String prefix = namespace + " ";
		for (String key : this.events.keySet()) {
			if (key.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A token bucket: a sustained rate and a burst.
	 *
	 * @param perSecond events per second
	 * @param burst events allowed at once
	 */
	public record Rate(double perSecond, int burst) {

		/**
		 * Validate the rate.
		 */
		public Rate {
			if (perSecond <= 0 || burst < 1) {
				throw new IllegalArgumentException("A rate needs perSecond > 0 and burst >= 1");
			}
		}

	}

	/**
	 * Builds {@link EventRateLimits}.
	 */
	public static final class Builder {

		private @Nullable Rate defaultRate;

		private final Map<String, Rate> namespaces = new HashMap<>();

		private final Map<String, Rate> events = new HashMap<>();

		private int maxViolations = 50;

		private Builder() {
		}

		/**
		 * Set the limit of every socket of every namespace.
		 * @param rate the rate
		 * @return this builder
		 */
		public Builder perSocket(Rate rate) {
			this.defaultRate = Objects.requireNonNull(rate);
			return this;
		}

		/**
		 * Set the limit of the sockets of one namespace, replacing the default.
		 * @param namespace the namespace
		 * @param rate the rate
		 * @return this builder
		 */
		public Builder namespace(String namespace, Rate rate) {
			this.namespaces.put(namespace, Objects.requireNonNull(rate));
			return this;
		}

		/**
		 * Set a limit for one event of a namespace, applied on top of the socket's limit.
		 * @param namespace the namespace
		 * @param event the event name
		 * @param rate the rate
		 * @return this builder
		 */
		public Builder event(String namespace, String event, Rate rate) {
			this.events.put(namespace + " " + event, Objects.requireNonNull(rate));
			return this;
		}

		/**
		 * Set how many drops in a row disconnect a socket (default 50; 0 never
		 * disconnects).
		 * @param maxViolations the number of drops
		 * @return this builder
		 */
		public Builder maxViolations(int maxViolations) {
			if (maxViolations < 0) {
				throw new IllegalArgumentException("maxViolations must not be negative");
			}
			this.maxViolations = maxViolations;
			return this;
		}

		/**
		 * Build the limits.
		 * @return the limits
		 */
		public EventRateLimits build() {
			return new EventRateLimits(this.defaultRate, this.namespaces, this.events, this.maxViolations);
		}

	}

}
