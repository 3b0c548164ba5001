package dev.realtime.socketio.server;

import java.util.HashMap;
import java.util.Map;

import dev.realtime.socketio.internal.TokenBucket;
import org.jspecify.annotations.Nullable;

/**
 * The token buckets of one socket. Confined to the connection's context: no locking.
 */
final class SocketRateLimiter {

	private final EventRateLimits limits;

	private final String namespace;

	private final @Nullable TokenBucket socketBucket;

	private final @Nullable Map<String, TokenBucket> eventBuckets;

	private int violations;

	private SocketRateLimiter(EventRateLimits limits, String namespace) {
		this.limits = limits;
		this.namespace = namespace;
		EventRateLimits.Rate rate = limits.rateFor(namespace);
		this.socketBucket = (rate != null) ? new TokenBucket(rate.perSecond(), rate.burst(), System.nanoTime()) : null;
		this.eventBuckets = limits.hasEventRates(namespace) ? new HashMap<>() : null;
	}

	static @Nullable SocketRateLimiter create(EventRateLimits limits, String namespace) {
		if (limits.rateFor(namespace) == null && !limits.hasEventRates(namespace)) {
			return null;
		}
		return new SocketRateLimiter(limits, namespace);
	}

	/** Take a token for an event; {@code false} when it is over a limit. */
	boolean tryAcquire(String event) {
		long now = System.nanoTime();
		boolean allowed = true;
		if (this.eventBuckets != null) {
			EventRateLimits.Rate rate = this.limits.rateFor(this.namespace, event);
			if (rate != null) {
				allowed = this.eventBuckets
					.computeIfAbsent(event, (e) -> new TokenBucket(rate.perSecond(), rate.burst(), now))
					.tryTake(now);
			}
		}
		if (allowed && this.socketBucket != null) {
			allowed = this.socketBucket.tryTake(now);
		}
		this.violations = allowed ? 0 : this.violations + 1;
		return allowed;
	}

	/** Whether the socket has been over its limits too often in a row. */
	boolean abusive() {
		return this.limits.maxViolations() > 0 && this.violations >= this.limits.maxViolations();
	}

}
