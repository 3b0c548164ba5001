package dev.realtime.socketio.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

/**
 * Admin sessions in memory, each valid for a duration after the login that made it. One
 * node only: behind several nodes without sticky sessions, a UI may have to log in again
 * on another node. Bounded: beyond {@code maxSessions}, expired sessions are dropped,
 * then the oldest.
 *
 * @since 0.1.0
 */
public final class InMemoryAdminSessionStore implements AdminSessionStore {

	/** The default validity of a session, as the Node Redis store's. */
	public static final Duration DEFAULT_SESSION_DURATION = Duration.ofDays(1);

	private static final int MAX_SESSIONS = 1000;

	private final Map<String, Instant> sessions = new ConcurrentHashMap<>();

	private final Duration duration;

	private final Clock clock;

	/**
	 * Create a store whose sessions last {@link #DEFAULT_SESSION_DURATION}.
	 */
	public InMemoryAdminSessionStore() {
		this(DEFAULT_SESSION_DURATION);
	}

	/**
	 * Create a store.
	 * @param duration how long a session lasts after its login
	 */
	public InMemoryAdminSessionStore(Duration duration) {
		this(duration, Clock.systemUTC());
	}

	InMemoryAdminSessionStore(Duration duration, Clock clock) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("The admin session duration must be positive, not " + duration);
		}
		this.duration = duration;
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public Mono<Boolean> exists(String sessionId) {
		Instant expiry = this.sessions.get(sessionId);
		if (expiry == null) {
			return Mono.just(false);
		}
		if (expiry.isBefore(this.clock.instant())) {
			this.sessions.remove(sessionId, expiry);
			return Mono.just(false);
		}
		return Mono.just(true);
	}

	@Override
	public void save(String sessionId) {
		Instant now = this.clock.instant();
		if (this.sessions.size() >= MAX_SESSIONS) {
			this.sessions.values().removeIf(now::isAfter);
			if (this.sessions.size() >= MAX_SESSIONS) {
				this.sessions.entrySet()
					.stream()
					.min(Map.Entry.comparingByValue())
					.ifPresent((oldest) -> this.sessions.remove(oldest.getKey()));
			}
		}
		this.sessions.put(sessionId, now.plus(this.duration));
	}

}
