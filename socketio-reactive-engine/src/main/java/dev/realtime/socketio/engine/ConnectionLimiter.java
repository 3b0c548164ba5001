package dev.realtime.socketio.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.realtime.socketio.internal.TokenBucket;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

/**
 * Applies {@link EngineIoLimits}: resolves the client address (through trusted proxies
 * only), rate-limits handshakes per address and counts sessions per address.
 */
final class ConnectionLimiter {

	/**
	 * Buckets idle for this long are forgotten, so the map does not grow without bound.
	 */
	private static final long IDLE_BUCKET_NANOS = 60_000_000_000L;

	private final EngineIoLimits limits;

	private final List<AddressRange> trustedProxies = new ArrayList<>();

	private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> sessionsPerAddress = new ConcurrentHashMap<>();

	private long lastSweep = System.nanoTime();

	ConnectionLimiter(EngineIoLimits limits) {
		this.limits = limits;
		limits.trustedProxies().forEach((proxy) -> this.trustedProxies.add(AddressRange.parse(proxy)));
	}

	/**
	 * Return the client's address: the TCP peer, or, when the peer is a trusted proxy,
	 * the nearest address in the forwarding headers that is not itself a trusted proxy.
	 */
	@Nullable InetSocketAddress clientAddress(@Nullable InetSocketAddress peer, HttpHeaders headers) {
		if (peer == null || this.trustedProxies.isEmpty() || !isTrusted(peer.getAddress())) {
			return peer;
		}
		List<String> chain = forwardedChain(headers);
		for (int i = chain.size() - 1; i >= 0; i--) {
			byte[] bytes = NetUtil.createByteArrayFromIpAddressString(chain.get(i));
			if (bytes == null) {
				return peer;
			}
			InetAddress address = toAddress(bytes);
			if (address == null) {
				return peer;
			}
			if (!isTrusted(address) || i == 0) {
				return new InetSocketAddress(address, 0);
			}
		}
		return peer;
	}

	/** Return the reason to refuse a handshake from the address, or {@code null}. */
	@Nullable Refusal check(@Nullable InetSocketAddress client, int openSessions) {
		if (this.limits.maxSessions() > 0 && openSessions >= this.limits.maxSessions()) {
			return Refusal.SERVER_FULL;
		}
		String key = key(client);
		if (this.limits.maxSessionsPerAddress() > 0) {
			AtomicInteger count = this.sessionsPerAddress.get(key);
			if (count != null && count.get() >= this.limits.maxSessionsPerAddress()) {
				return Refusal.TOO_MANY_SESSIONS;
			}
		}
		if (this.limits.handshakesPerSecond() > 0) {
			long now = System.nanoTime();
			sweep(now);
			TokenBucket bucket = this.buckets.computeIfAbsent(key,
					(k) -> new TokenBucket(this.limits.handshakesPerSecond(), Math.max(1, this.limits.handshakeBurst()),
							now));
			boolean allowed;
			synchronized (bucket) {
				allowed = bucket.tryTake(now);
			}
			if (!allowed) {
				return Refusal.TOO_MANY_HANDSHAKES;
			}
		}
		return null;
	}

	void sessionOpened(@Nullable InetSocketAddress client) {
		if (this.limits.maxSessionsPerAddress() > 0) {
			this.sessionsPerAddress.computeIfAbsent(key(client), (k) -> new AtomicInteger()).incrementAndGet();
		}
	}

	void sessionClosed(@Nullable InetSocketAddress client) {
		if (this.limits.maxSessionsPerAddress() > 0) {
			this.sessionsPerAddress.computeIfPresent(key(client),
					(k, count) -> (count.decrementAndGet() <= 0) ? null : count);
		}
	}

	private void sweep(long now) {
		if (now - this.lastSweep < IDLE_BUCKET_NANOS) {
			return;
		}
		this.lastSweep = now;
		this.buckets.values().removeIf((bucket) -> {
			synchronized (bucket) {
				return bucket.idleNanos(now) > IDLE_BUCKET_NANOS;
			}
		});
	}

	private boolean isTrusted(@Nullable InetAddress address) {
		if (address == null) {
			return false;
		}
		for (AddressRange range : this.trustedProxies) {
			if (range.contains(address)) {
				return true;
			}
		}
		return false;
	}

	private static List<String> forwardedChain(HttpHeaders headers) {
		List<String> chain = new ArrayList<>();
		for (String value : headers.getAll("Forwarded")) {
			for (String element : value.split(",")) {
				for (String pair : element.split(";")) {
					String trimmed = pair.trim();
					if (trimmed.regionMatches(true, 0, "for=", 0, 4)) {
						chain.add(stripForwardedFor(trimmed.substring(4)));
					}
				}
			}
		}
		if (chain.isEmpty()) {
			for (String value : headers.getAll("X-Forwarded-For")) {
				for (String element : value.split(",")) {
					if (!element.isBlank()) {
						chain.add(element.trim());
					}
				}
			}
		}
		return chain;
	}

	private static String stripForwardedFor(String value) {
		String v = value.trim();
		if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
			v = v.substring(1, v.length() - 1);
		}
		if (v.startsWith("[")) {
			int end = v.indexOf(']');
			return (end > 0) ? v.substring(1, end) : v;
		}
		int colon = v.indexOf(':');
		return (colon > 0 && v.indexOf(':', colon + 1) < 0) ? v.substring(0, colon) : v;
	}

	private static @Nullable InetAddress toAddress(byte[] bytes) {
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (java.net.UnknownHostException ex) {
			return null;
		}
	}

	private static String key(@Nullable InetSocketAddress client) {
		if (client == null) {
			return "";
		}
		InetAddress address = client.getAddress();
		return (address != null) ? address.getHostAddress() : client.getHostString();
	}

	/** Why a handshake is refused. */
	enum Refusal {

		SERVER_FULL("Server full"),

		TOO_MANY_SESSIONS("Too many sessions"),

		TOO_MANY_HANDSHAKES("Too many handshakes");

		private final String message;

		Refusal(String message) {
			this.message = message;
		}

		String message() {
			return this.message;
		}

	}

}
