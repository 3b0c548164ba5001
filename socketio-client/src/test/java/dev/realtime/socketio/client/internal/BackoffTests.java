package dev.realtime.socketio.client.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.realtime.socketio.client.Reconnection;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTests {

	@Test
	void delaysDoubleUpToTheMaximumWithoutJitter() {
		Backoff backoff = new Backoff(Reconnection.builder()
			.delay(Duration.ofMillis(100))
			.maxDelay(Duration.ofMillis(500))
			.randomizationFactor(0)
			.build());
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(200));
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(400));
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
		assertThat(backoff.attempts()).isEqualTo(5);
		backoff.reset();
		assertThat(backoff.attempts()).isZero();
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void jitterStaysWithinTheFactorAndTheMaximum() {
		Reconnection policy = Reconnection.builder()
			.delay(Duration.ofMillis(1000))
			.maxDelay(Duration.ofMillis(5000))
			.randomizationFactor(0.5)
			.build();
		for (int i = 0; i < 200; i++) {
			Backoff backoff = new Backoff(policy);
			assertThat(backoff.next()).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
			assertThat(backoff.next()).isBetween(Duration.ofMillis(1000), Duration.ofMillis(3000));
			assertThat(backoff.next()).isBetween(Duration.ofMillis(2000), Duration.ofMillis(5000));
		}
	}

	@Test
	void manyAttemptsDoNotOverflow() {
		Backoff backoff = new Backoff(Reconnection.defaults());
		for (int i = 0; i < 100; i++) {
			assertThat(backoff.next()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(5));
		}
	}

}
