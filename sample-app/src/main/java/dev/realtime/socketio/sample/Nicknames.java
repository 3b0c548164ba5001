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
 * claim whose socket never connected is given up after a grace period. A socket whose
 * connection dropped may come back with connection state recovery (same id, no new
 * authorization): its name is {@link #hold held} for the recovery window, then given up
 * unless the socket is connected again.
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
		this.holders.values().removeIf((holder) -> holder.expired(now, connected));
		Holder claim = new Holder(user, socketId, now.plus(UNCONNECTED_CLAIM_GRACE));
		Holder[] replaced = new Holder[1];
		Holder holder = this.holders.compute(key(user.nickname()), (name, current) -> {
			if (current == null || current.user().clientId().equals(user.clientId())
					|| current.expired(now, connected)) {
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
	 * Keep a nickname for a socket that is not connected, if the socket still holds it:
	 * nobody else may claim it for the given time, while the socket may be restored.
	 * @param nickname the nickname
	 * @param socketId the socket that holds it
	 * @param duration how long to keep it
	 */
	public void hold(String nickname, String socketId, Duration duration) {
		Instant until = Instant.now().plus(duration);
		this.holders.computeIfPresent(key(nickname), (name, holder) -> holder.socketId().equals(socketId)
				? new Holder(holder.user(), socketId, until) : holder);
	}

	/**
	 * Give a nickname up, if the socket still holds it.
	 * @param nickname the nickname
	 * @param socketId the socket that held it
	 */
	public void release(String nickname, String socketId) {
		this.holders.computeIfPresent(key(nickname),
				(name, holder) -> holder.socketId().equals(socketId) ? null : holder);
	}

	private static String key(String nickname) {
		return nickname.toLowerCase(Locale.ROOT);
	}

	/**
	 * A nickname's holder.
	 *
	 * @param user who holds it
	 * @param socketId the socket that holds it
	 * @param keptUntil until when the name stays held while that socket is not connected
	 */
	private record Holder(ChatUser user, String socketId, Instant keptUntil) {

		boolean expired(Instant now, Predicate<String> connected) {
			return this.keptUntil.isBefore(now) && !connected.test(this.socketId);
		}

	}

	/**
	 * Thrown when a nickname is held by someone else.
	 */
	public static class NicknameTakenException extends RuntimeException {

		NicknameTakenException(String nickname) {
			super("The nickname '" + nickname + "' is taken");
		}

		@Override
		public String getMessage() {
			return String.valueOf(super.getMessage());
		}

	}

}
