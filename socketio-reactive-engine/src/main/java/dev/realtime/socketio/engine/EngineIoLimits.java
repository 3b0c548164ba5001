package dev.realtime.socketio.engine;

import java.util.List;
import java.util.Objects;

/**
 * Connection limits of an Engine.IO server, checked before a session exists. All are off
 * by default, because a shared address (a NAT, a corporate proxy) can legitimately carry
 * many clients; turn on what fits the deployment.
 *
 * @param maxSessions the most open sessions in total, 0 for no limit; past it a handshake
 * gets HTTP 503
 * @param maxSessionsPerAddress the most open sessions per client address, 0 for no limit;
 * past it a handshake gets HTTP 429
 * @param handshakesPerSecond handshakes per second per client address (a token bucket
 * refilled at this rate), 0 for no limit; past it a handshake gets HTTP 429
 * @param handshakeBurst the bucket size: handshakes an address may make at once
 * @param trustedProxies addresses or CIDR ranges of proxies whose {@code X-Forwarded-For}
 * and {@code Forwarded} headers are believed; the client address of other requests is the
 * TCP peer
 * @since 0.1.0
 */
public record EngineIoLimits(int maxSessions, int maxSessionsPerAddress, double handshakesPerSecond, int handshakeBurst,
		List<String> trustedProxies) {

	/**
	 * Validate the limits.
	 */
	public EngineIoLimits {
		if (maxSessions < 0 || maxSessionsPerAddress < 0 || handshakesPerSecond < 0 || handshakeBurst < 0) {
			throw new IllegalArgumentException("Limits must not be negative");
		}
		trustedProxies = List.copyOf(Objects.requireNonNull(trustedProxies, "trustedProxies"));
		trustedProxies.forEach(AddressRange::parse);
	}

	/**
	 * No limits, no trusted proxies.
	 * @return the default limits
	 */
	public static EngineIoLimits none() {
		return new EngineIoLimits(0, 0, 0, 0, List.of());
	}

}
