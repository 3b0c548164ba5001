package dev.realtime.socketio.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a client reconnects after its connection dropped: an exponential backoff between
 * {@link #delay()} and {@link #maxDelay()}, each delay randomized by
 * {@link #randomizationFactor()} so that many clients dropped together do not come back
 * together. The defaults are those of the JavaScript client: 1 s, doubling up to 5 s,
 * &plusmn;50%, with no limit on the attempts.
 * <p>
 * A refused connection ({@code connect_error}) or a disconnection by either side is not
 * retried; a dropped transport, a ping timeout or a server going away are.
 *
 * @since 0.1.0
 */
public final class Reconnection {

	private static final Reconnection DEFAULTS = builder().build();

	private static final Reconnection DISABLED = builder().enabled(false).build();

	private final boolean enabled;

	private final int maxAttempts;

	private final Duration delay;

	private final Duration maxDelay;

	private final double randomizationFactor;

	private Reconnection(Builder builder) {
		this.enabled = builder.enabled;
		this.maxAttempts = builder.maxAttempts;
		this.delay = builder.delay;
		this.maxDelay = builder.maxDelay;
		this.randomizationFactor = builder.randomizationFactor;
	}

	/**
	 * Return the default policy: reconnect forever, 1 s doubling up to 5 s, &plusmn;50%.
	 * @return the default policy
	 */
	public static Reconnection defaults() {
		return DEFAULTS;
	}

	/**
	 * Return a policy that never reconnects.
	 * @return the policy
	 */
	public static Reconnection disabled() {
		return DISABLED;
	}

	/**
	 * Start a policy from the defaults.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Whether the client reconnects at all.
	 * @return {@code true} to reconnect
	 */
	public boolean enabled() {
		return this.enabled;
	}

	/**
	 * Return how many attempts are made before giving up.
	 * @return the attempts, {@link Integer#MAX_VALUE} for no limit
	 */
	public int maxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * Return the delay before the first attempt, doubled for each further attempt.
	 * @return the initial delay
	 */
	public Duration delay() {
		return this.delay;
	}

	/**
	 * Return the longest delay between two attempts.
	 * @return the maximum delay
	 */
	public Duration maxDelay() {
		return this.maxDelay;
	}

	/**
	 * Return how far a delay is randomized: 0.5 makes a 2 s delay anything from 1 s to 3
	 * s.
	 * @return the factor, from 0 to 1
	 */
	public double randomizationFactor() {
		return this.randomizationFactor;
	}

	@Override
	public String toString() {
		return "Reconnection[enabled=" + this.enabled + ", maxAttempts=" + this.maxAttempts + ", delay=" + this.delay
				+ ", maxDelay=" + this.maxDelay + ", randomizationFactor=" + this.randomizationFactor + "]";
	}

	/**
	 * Builds a {@link Reconnection}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private boolean enabled = true;

		private int maxAttempts = Integer.MAX_VALUE;

		private Duration delay = Duration.ofSeconds(1);

		private Duration maxDelay = Duration.ofSeconds(5);

		private double randomizationFactor = 0.5;

		private Builder() {
		}

		/**
		 * Set whether the client reconnects.
		 * @param enabled {@code false} to never reconnect
		 * @return this builder
		 */
		public Builder enabled(boolean enabled) {
			this.enabled = enabled;
			return this;
		}

		/**
		 * Set how many attempts are made before giving up.
		 * @param maxAttempts at least 1
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			if (maxAttempts < 1) {
				throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
			}
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Set the delay before the first attempt.
		 * @param delay a positive duration
		 * @return this builder
		 */
		public Builder delay(Duration delay) {
			this.delay = positive(delay, "delay");
			return this;
		}

		/**
		 * Set the longest delay between two attempts.
		 * @param maxDelay a positive duration
		 * @return this builder
		 */
		public Builder maxDelay(Duration maxDelay) {
			this.maxDelay = positive(maxDelay, "maxDelay");
			return this;
		}

		/**
		 * Set how far each delay is randomized.
		 * @param randomizationFactor from 0 (exact delays) to 1
		 * @return this builder
		 */
		public Builder randomizationFactor(double randomizationFactor) {
			if (!(randomizationFactor >= 0 && randomizationFactor <= 1)) {
				throw new IllegalArgumentException(
						"randomizationFactor must be between 0 and 1, was " + randomizationFactor);
			}
			this.randomizationFactor = randomizationFactor;
			return this;
		}

		/**
		 * Build the policy.
		 * @return the policy
		 * @throws IllegalArgumentException if the delay is longer than the maximum delay
		 */
		public Reconnection build() {
			if (this.delay.compareTo(this.maxDelay) > 0) {
				throw new IllegalArgumentException(
						"delay (" + this.delay + ") must not be longer than maxDelay (" + this.maxDelay + ")");
			}
			return new Reconnection(this);
		}

		private static Duration positive(Duration duration, String name) {
			Objects.requireNonNull(duration, name);
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(name + " must be positive, was " + duration);
			}
			return duration;
		}

	}

}
