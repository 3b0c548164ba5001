package dev.realtime.socketio.internal;

/**
 * A token bucket: {@code capacity} tokens, refilled continuously at a rate per second.
 * Not thread-safe: callers confine it to one thread or synchronize.
 */
public final class TokenBucket {

	private final double perSecond;

	private final int capacity;

	private double tokens;

	private long last;

	/**
	 * Create a full bucket.
	 * @param perSecond tokens added per second
	 * @param capacity the most tokens held (the burst)
	 * @param nowNanos the current {@link System#nanoTime()}
	 */
	public TokenBucket(double perSecond, int capacity, long nowNanos) {
		this.perSecond = perSecond;
		this.capacity = capacity;
		this.tokens = capacity;
		this.last = nowNanos;
	}

	/**
	 * Take one token if there is one.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @return whether a token was taken
	 */
	public boolean tryTake(long nowNanos) {
		long elapsed = Math.max(0, nowNanos - this.last);
		this.tokens = Math.min(this.capacity, this.tokens + elapsed / 1e9 * this.perSecond);
		this.last = Math.max(nowNanos, this.last);
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return true;
		}
		return false;
	}

	/**
	 * Return how long the bucket has not been used.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @return nanoseconds since the last take
	 */
	public long idleNanos(long nowNanos) {
		return nowNanos - this.last;
	}

}
