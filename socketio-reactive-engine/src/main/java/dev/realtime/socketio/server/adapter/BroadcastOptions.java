package dev.realtime.socketio.server.adapter;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which sockets a broadcast targets and how: an immutable value, built with
 * {@link #builder()}. <pre class="code">
 * BroadcastOptions options = BroadcastOptions.builder()
 * 	.rooms(Set.of("news"))
 * 	.except(Set.of(socketId))
 * 	.local(true)
 * 	.build();
 * </pre>
 *
 * @since 0.1.0
 */
public final class BroadcastOptions {

	private static final BroadcastOptions ALL = builder().build();

	private final Set<String> rooms;

	private final Set<String> except;

	private final boolean volatileFlag;

	private final boolean compress;

	private final boolean local;

	private final @Nullable Duration timeout;

	private BroadcastOptions(Builder builder) {
		this.rooms = builder.rooms;
		this.except = builder.except;
		this.volatileFlag = builder.volatileFlag;
		this.compress = builder.compress;
		this.local = builder.local;
		this.timeout = builder.timeout;
	}

	/**
	 * Options that target every socket of the namespace, on every node.
	 * @return the options
	 */
	public static BroadcastOptions all() {
		return ALL;
	}

	/**
	 * Start options that target every socket of the namespace, on every node, until told
	 * otherwise.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a builder that starts from these options.
	 * @return a new builder with the values of these options
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.rooms = this.rooms;
		builder.except = this.except;
		builder.volatileFlag = this.volatileFlag;
		builder.compress = this.compress;
		builder.local = this.local;
		builder.timeout = this.timeout;
		return builder;
	}

	/**
	 * Return the target rooms.
	 * @return the rooms; empty means every socket of the namespace
	 */
	public Set<String> rooms() {
		return this.rooms;
	}

	/**
	 * Return the rooms (or socket ids) whose sockets are excluded.
	 * @return the excluded rooms
	 */
	public Set<String> except() {
		return this.except;
	}

	/**
	 * Whether the packet is dropped for sockets that cannot write it right now.
	 * @return {@code true} for a volatile packet
	 */
	public boolean volatileFlag() {
		return this.volatileFlag;
	}

	/**
	 * Whether the packet may be compressed.
	 * @return {@code true} unless compression was turned off
	 */
	public boolean compress() {
		return this.compress;
	}

	/**
	 * Whether the broadcast reaches the sockets of this node only.
	 * @return {@code true} for this node only
	 */
	public boolean local() {
		return this.local;
	}

	/**
	 * Return how long acknowledgements are awaited.
	 * @return the timeout, or {@code null} without acknowledgements
	 */
	public @Nullable Duration timeout() {
		return this.timeout;
	}

	/**
	 * Return whether a socket in these rooms is a recipient: it is in a target room (or
	 * every socket is targeted) and in no excluded room. This is how a recovered session
	 * finds the packets it missed.
	 * @param socketRooms the rooms of the socket, its own id included
	 * @return {@code true} when the socket is selected
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

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof BroadcastOptions that && this.rooms.equals(that.rooms)
				&& this.except.equals(that.except) && this.volatileFlag == that.volatileFlag
				&& this.compress == that.compress && this.local == that.local
				&& Objects.equals(this.timeout, that.timeout));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.rooms, this.except, this.volatileFlag, this.compress, this.local, this.timeout);
	}

	@Override
	public String toString() {
		return "BroadcastOptions[rooms=" + this.rooms + ", except=" + this.except + ", volatile=" + this.volatileFlag
				+ ", compress=" + this.compress + ", local=" + this.local + ", timeout=" + this.timeout + "]";
	}

	/**
	 * Builds {@link BroadcastOptions}. Not thread-safe.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private Set<String> rooms = Set.of();

		private Set<String> except = Set.of();

		private boolean volatileFlag;

		private boolean compress = true;

		private boolean local;

		private @Nullable Duration timeout;

		private Builder() {
		}

		/**
		 * Target the sockets in any of these rooms; none (the default) targets every
		 * socket.
		 * @param rooms the rooms (copied)
		 * @return this builder
		 */
		public Builder rooms(Collection<String> rooms) {
			this.rooms = Set.copyOf(rooms);
			return this;
		}

		/**
		 * Exclude the sockets in any of these rooms (a socket's id is a room of its own).
		 * @param except the rooms (copied)
		 * @return this builder
		 */
		public Builder except(Collection<String> except) {
			this.except = Set.copyOf(except);
			return this;
		}

		/**
		 * Drop the packet for sockets that cannot write it right now (off by default).
		 * @param volatileFlag whether the packet is volatile
		 * @return this builder
		 */
		public Builder volatileFlag(boolean volatileFlag) {
			this.volatileFlag = volatileFlag;
			return this;
		}

		/**
		 * Allow the packet to be compressed (on by default).
		 * @param compress whether the packet may be compressed
		 * @return this builder
		 */
		public Builder compress(boolean compress) {
			this.compress = compress;
			return this;
		}

		/**
		 * Reach the sockets of this node only (off by default).
		 * @param local whether the broadcast stays on this node
		 * @return this builder
		 */
		public Builder local(boolean local) {
			this.local = local;
			return this;
		}

		/**
		 * Await acknowledgements for this long (none by default).
		 * @param timeout the timeout, or {@code null}
		 * @return this builder
		 */
		public Builder timeout(@Nullable Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public BroadcastOptions build() {
			return new BroadcastOptions(this);
		}

	}

}
