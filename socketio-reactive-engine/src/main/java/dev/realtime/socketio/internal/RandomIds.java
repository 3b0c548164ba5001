package dev.realtime.socketio.internal;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Unguessable ids: 15 random bytes as 20 characters of URL-safe base64.
 */
public final class RandomIds {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private RandomIds() {
	}

	/**
	 * Return a new random id.
	 * @return 20 URL-safe characters
	 */
	public static String next() {
		byte[] bytes = new byte[15];
		RANDOM.nextBytes(bytes);
		return ENCODER.encodeToString(bytes);
	}

}
