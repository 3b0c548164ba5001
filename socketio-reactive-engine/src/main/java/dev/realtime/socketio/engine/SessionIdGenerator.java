package dev.realtime.socketio.engine;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unguessable ids: 15 random bytes, 20 characters of URL-safe base64.
 */
final class SessionIdGenerator {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private SessionIdGenerator() {
	}

	static String next() {
		byte[] bytes = new byte[15];
		RANDOM.nextBytes(bytes);
		return ENCODER.encodeToString(bytes);
	}

}
