package dev.realtime.socketio.server.adapter;

import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which sockets a broadcast targets and how.
 *
 * @param rooms target rooms; empty means every socket of the namespace
 * @param except rooms (or socket ids) whose sockets are excluded
 * @param volatileFlag drop the packet for sockets that cannot write it right now
 * @param compress whether the packet may be compressed
 * @param local reach only this node
 * @param timeout how long acknowledgements are awaited, or {@code null}
 * @since 0.1.0
 */
public record BroadcastOptions(Set<String> rooms, Set<String> except, boolean volatileFlag, boolean compress,
		boolean local, @Nullable Duration timeout) {

	/**
	 * Copy the sets.
	 */
	public BroadcastOptions {
		rooms = Set.copyOf(rooms);
		except = Set.copyOf(except);
	}

	/**
	 * Options that target every socket.
	 * @return the options
	 */
	public static BroadcastOptions all() {
		return new BroadcastOptions(Set.of(), Set.of(), false, true, false, null);
	}

	/**
	 * Return whether a socket in these rooms is a recipient: it is in a target room (or every
	 * socket is targeted) and in no excluded room. This is how a recovered session finds the
	 * packets it missed.
	 * @param socketRooms the rooms of the socket, its own id included
	 * @return {@code true} when the socket is selected
	 * @since 0.1.0
	 */
	public boolean reaches(Set<String> socketRooms) {
		boolean included = this.rooms.isEmpty();
		for (String room : socketRooms) {
			if (this.except.contains(room)) {
				return false;
			}
			included = included || this.rooms.contains(room);
		}
		return included;
	}

}
