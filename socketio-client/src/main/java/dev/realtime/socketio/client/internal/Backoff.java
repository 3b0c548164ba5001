package dev.realtime.socketio.client.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.realtime.socketio.client.Reconnection;

/**
 * The delays of a {@link Reconnection} policy: doubling from the initial delay up to the
 * maximum, each randomized within the policy's factor.
 */
final class Backoff {

	private final Reconnection policy;

	private int attempts;

	Backoff(Reconnection policy) {
		this.policy = policy;
	}

	/**
	 * Return the delay before the next attempt, counting it.
	 */
	Duration next() {
		double base = this.policy.delay().toMillis() * Math.pow(2, Math.min(this.attempts, 30));
		this.attempts++;
		double factor = this.policy.randomizationFactor();
		double jittered = base * (1 + factor * (2 * ThreadLocalRandom.current().nextDouble() - 1));
		return Duration.ofMillis((long) Math.min(jittered, this.policy.maxDelay().toMillis()));
	}

	/**
	 * Return how many attempts were counted since the last reset.
	 */
	int attempts() {
		return this.attempts;
	}

	void reset() {
		this.attempts = 0;
	}

}
