package dev.realtime.socketio.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The nicknames in use, each held by one socket. Names are compared ignoring case.
 * <p>
 * A name is claimed while its socket is being authorized, before it is connected, so a
 * claim whose socket never connected is given up after a grace period.
 *
 * @since 0.1.0
 */
@Component
public class Nicknames {

	private static final Duration UNCONNECTED_CLAIM_GRACE = Duration.ofSeconds(10);

	private final ConcurrentMap<String, Holder> holders = new ConcurrentHashMap<>();

	/**
	 * Claim a nickname for a socket. The tab that holds it may claim it again from a new
	 * socket, after a dropped connection the server may not have noticed yet.
	 * @param user the user
	 * @param socketId the id of the socket that claims the name
	 * @param connected tells whether a socket id belongs to a connected socket
	 * @return the id of another socket of the same tab that held the name, to disconnect,
	 * or {@code null}
	 * @throws NicknameTakenException if another tab holds the name
	 */
	public @Nullable String claim(ChatUser user, String socketId, Predicate<String> connected) {
		Instant now = Instant.now();
		Holder claim = new Holder(user, socketId, now);
		Holder[] replaced = new Holder[1];
		Holder holder = this.holders.compute(key(user.nickname()), (name, current) -> {
			if (current == null || current.user().clientId().equals(user.clientId())
					|| (!connected.test(current.socketId()) && current.since().plus(UNCONNECTED_CLAIM_GRACE).isBefore(now))) {
				replaced[0] = current;
				return claim;
			}
			return current;
		});
		if (holder != claim) {
			throw new NicknameTakenException(holder.user().nickname());
		}
		Holder previous = replaced[0];
		return (previous != null && previous.user().clientId().equals(user.clientId())
				&& !previous.socketId().equals(socketId)) ? previous.socketId() : null;
	}

	/**
	 * Give a nickname up, if the socket still holds it.
	 * @param nickname the nickname
	 * @param socketId the socket that held it
	 */
	public void release(String nickname, String socketId) {
		this.holders.computeIfPresent(key(nickname), (name, holder) -> holder.socketId().equals(socketId) ? null : holder);
	}

	private static String key(String nickname) {
		return nickname.toLowerCase(Locale.ROOT);
	}

	private record Holder(ChatUser user, String socketId, Instant since) {
	}

	/**
	 * Thrown when a nickname is held by someone else.
	 */
	public static class NicknameTakenException extends RuntimeException {

		NicknameTakenException(String nickname) {
			super("The nickname '" + nickname + "' is taken");
		}

	}

}
