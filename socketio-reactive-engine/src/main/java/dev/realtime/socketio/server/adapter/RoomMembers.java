package dev.realtime.socketio.server.adapter;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The members of one room, changed inside the rooms map's {@code compute}: a room of one
 * member (every socket's own room) is an immutable set of one, a small object; a room
 * that grows becomes a concurrent set, which a broadcast walks live, and stays one until
 * it is empty.
 */
final class RoomMembers {

	private RoomMembers() {
	}

	/** The members with the socket added; the same set when it was concurrent. */
	static Set<String> with(@Nullable Set<String> members, String socketId) {
		if (members == null) {
			return Set.of(socketId);
		}
		if (isConcurrent(members)) {
			members.add(socketId);
			return members;
		}
		if (members.contains(socketId)) {
			return members;
		}
		Set<String> growing = ConcurrentHashMap.newKeySet();
		growing.addAll(members);
		growing.add(socketId);
		return growing;
	}

	/** The members with the socket removed, or {@code null} when none is left. */
	static @Nullable Set<String> without(Set<String> members, String socketId) {
		if (isConcurrent(members)) {
			members.remove(socketId);
			return members.isEmpty() ? null : members;
		}
		return members.contains(socketId) ? null : members;
	}

	private static boolean isConcurrent(Set<String> members) {
		return members instanceof ConcurrentHashMap.KeySetView<?, ?>;
	}

}
