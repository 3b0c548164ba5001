package dev.realtime.socketio.internal;

import java.util.function.Supplier;

import reactor.util.Logger;

/**
 * Logs what a client's input caused at most a few times per second, so that a client that
 * repeats a mistake (or an attacker who does it on purpose) cannot flood the server's
 * log. The messages left out are counted and the count is reported with the next one
 * logged. Thread-safe; meant for rare paths, never for every packet.
 */
public final class RateLimitedLog {

	private final Logger logger;

	private final TokenBucket bucket;

	private long suppressed;

	/**
	 * Create a log that lets through one message per second, with bursts of ten.
	 * @param logger where the messages go
	 */
	public RateLimitedLog(Logger logger) {
		this(logger, 1, 10);
	}

	/**
	 * Create a log.
	 * @param logger where the messages go
	 * @param perSecond messages let through per second, on average
	 * @param burst messages let through at once after a quiet period
	 */
	public RateLimitedLog(Logger logger, double perSecond, int burst) {
		this.logger = logger;
		this.bucket = new TokenBucket(perSecond, burst, System.nanoTime());
	}

	/**
	 * Log a warning unless too many were logged lately.
	 * @param message the message, built only when it is logged
	 */
	public void warn(Supplier<String> message) {
		if (!this.logger.isWarnEnabled()) {
			return;
		}
		long skipped;
		synchronized (this) {
			if (!this.bucket.tryTake(System.nanoTime())) {
				this.suppressed++;
				return;
			}
			skipped = this.suppressed;
			this.suppressed = 0;
		}
		this.logger
			.warn((skipped > 0) ? message.get() + " (" + skipped + " similar messages not logged)" : message.get());
	}

}
