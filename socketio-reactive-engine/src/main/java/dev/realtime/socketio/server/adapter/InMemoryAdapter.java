package dev.realtime.socketio.server.adapter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.protocol.SocketIoPacketType;
import dev.realtime.socketio.server.ConnectionStateRecoveryOptions;
import dev.realtime.socketio.server.RemoteSocket;
import dev.realtime.socketio.server.SocketIoSocket;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The default adapter: rooms of one node, in memory. Cluster adapters extend it and add
 * the traffic to other nodes. With connection state recovery on, it also keeps the
 * sessions of disconnected sockets and the packets they may miss, in memory, for the
 * recovery window.
 *
 * @since 0.1.0
 */
public class InMemoryAdapter implements SocketIoAdapter {

	private final AdapterContext context;

	/**
	 * The members of each room ({@link RoomMembers}): the room of a socket's own id, and
	 * any room of one, holds an immutable set of one; a room that grows gets a concurrent
	 * set. Changed only inside {@code compute}, so that a join never lands in a set just
	 * removed.
	 */
	private final Map<String, Set<String>> rooms = new ConcurrentHashMap<>();

	/**
	 * The rooms of each socket, as immutable sets replaced on change ({@link SmallSets}):
	 * most sockets are in one or two rooms, and every idle socket keeps its set.
	 */
	private final Map<String, Set<String>> sids = new ConcurrentHashMap<>();

	private final @Nullable InMemorySessionStore sessions;

	/**
	 * Create an adapter for a namespace.
	 * @param context the namespace's side of the contract
	 */
	public InMemoryAdapter(AdapterContext context) {
		this(context, true);
	}

	/**
	 * Create an adapter for a namespace, for a subclass that may keep the sessions of
	 * connection state recovery elsewhere (a cluster adapter keeps them where every node
	 * finds them).
	 * @param context the namespace's side of the contract
	 * @param keepSessionsInMemory whether this adapter keeps sessions and packets in
	 * memory when recovery is on; a subclass that passes {@code false} overrides
	 * {@link #broadcast}, {@link #persistSession} and {@link #restoreSession}
	 */
	protected InMemoryAdapter(AdapterContext context, boolean keepSessionsInMemory) {
		this.context = context;
		ConnectionStateRecoveryOptions recovery = context.connectionStateRecovery();
		this.sessions = (recovery != null && keepSessionsInMemory)
				? new InMemorySessionStore(recovery.maxDisconnectionDuration()) : null;
	}

	/**
	 * Return whether a packet gets an offset with connection state recovery on
	 * (docs/protocol.md 2.8): an event without ack id, not volatile. Packets with an ack
	 * id are not kept: the callback cannot be restored.
	 * @param packet the packet
	 * @param options the broadcast's flags
	 * @return {@code true} when the packet is kept for recovery
	 */
	protected static boolean isRecoverable(SocketIoPacket packet, BroadcastOptions options) {
		return !packet.hasAckId() && !options.volatileFlag() && packet.data() instanceof ArrayNode
				&& (packet.type() == SocketIoPacketType.EVENT || packet.type() == SocketIoPacketType.BINARY_EVENT);
	}

	/**
	 * Return the namespace's side of the contract.
	 * @return the context
	 */
	protected AdapterContext context() {
		return this.context;
	}

	@Override
	public void addAll(String socketId, Collection<String> rooms) {
		for (String room : rooms) {
			boolean[] joined = new boolean[1];
			this.sids.compute(socketId, (id, socketRooms) -> {
				joined[0] = socketRooms == null || !socketRooms.contains(room);
				return joined[0] ? SmallSets.with(socketRooms, room) : socketRooms;
			});
			this.rooms.compute(room, (r, members) -> RoomMembers.with(members, socketId));
			if (joined[0]) {
				this.context.roomJoined(room, socketId);
			}
		}
	}

	@Override
	public void del(String socketId, String room) {
		boolean[] left = new boolean[1];
		this.sids.computeIfPresent(socketId, (id, socketRooms) -> {
			left[0] = socketRooms.contains(room);
			return left[0] ? SmallSets.without(socketRooms, room) : socketRooms;
		});
		removeFromRoom(room, socketId);
		if (left[0]) {
			this.context.roomLeft(room, socketId);
		}
	}

	@Override
	public void delAll(String socketId) {
		Set<String> socketRooms = this.sids.remove(socketId);
		if (socketRooms != null) {
			for (String room : socketRooms) {
				removeFromRoom(room, socketId);
				this.context.roomLeft(room, socketId);
			}
		}
	}

	private void removeFromRoom(String room, String socketId) {
		this.rooms.computeIfPresent(room, (r, members) -> RoomMembers.without(members, socketId));
	}

	@Override
	public void broadcast(SocketIoPacket packet, BroadcastOptions options) {
		SocketIoPacket toSend = packet;
		if (this.sessions != null && isRecoverable(packet, options)) {
			// docs/protocol.md 2.8: one offset per broadcast, kept before the recipients
			// are chosen.
			toSend = this.sessions.store(packet, options);
		}
		deliverLocally(toSend, options);
	}

	/**
	 * Send a packet to the local sockets the options select, as it is: no offset, nothing
	 * kept.
	 * @param packet the packet
	 * @param options the selection and flags
	 */
	protected void deliverLocally(SocketIoPacket packet, BroadcastOptions options) {
		Set<String> recipients = select(options);
		if (!recipients.isEmpty()) {
			this.context.deliver(recipients, packet, options);
		}
	}

	@Override
	public void persistSession(SocketIoSession session) {
		if (this.sessions != null) {
			this.sessions.persist(session);
		}
	}

	@Override
	public Mono<RestoredSession> restoreSession(String pid, String offset) {
		InMemorySessionStore store = this.sessions;
		return (store != null) ? Mono.fromSupplier(() -> store.restore(pid, offset)) : Mono.empty();
	}

	@Override
	public void broadcastWithAck(SocketIoPacket packet, BroadcastOptions options, BroadcastAckHandler handler) {
		Set<String> recipients = select(options);
		this.context.deliverWithAck(recipients, packet, options, handler);
	}

	/**
	 * Compute the local recipients of a broadcast.
	 * @param options the selection
	 * @return the socket ids; a read-only view of a room's live members when the
	 * selection is that one room
	 */
	protected Set<String> select(BroadcastOptions options) {
		Set<String> excluded = options.except().isEmpty() ? Set.of() : members(options.except());
		Set<String> selected;
		if (options.rooms().isEmpty()) {
			selected = new LinkedHashSet<>(this.sids.keySet());
		}
		else if (excluded.isEmpty() && options.rooms().size() == 1) {
			// The common broadcast, one room: its live members, not a copy (a room of
			// 20 000 would cost a copy per message). Joins and leaves meanwhile may or
			// may
			// not be seen, as with any broadcast that races them.
			Set<String> inRoom = this.rooms.get(options.rooms().iterator().next());
			return (inRoom != null) ? Collections.unmodifiableSet(inRoom) : Set.of();
		}
		else {
			selected = members(options.rooms());
		}
		if (!excluded.isEmpty()) {
			selected.removeAll(excluded);
		}
		return selected;
	}

	private Set<String> members(Set<String> roomNames) {
		Set<String> members = new LinkedHashSet<>();
		for (String room : roomNames) {
			Set<String> inRoom = this.rooms.get(room);
			if (inRoom != null) {
				members.addAll(inRoom);
			}
		}
		return members;
	}

	/**
	 * Return whether a room has a member on this node, without copying it.
	 * @param room the room
	 * @return {@code true} when at least one local socket is in the room
	 */
	protected boolean hasRoom(String room) {
		return this.rooms.containsKey(room);
	}

	@Override
	public Set<String> sockets(Set<String> rooms) {
		return Collections.unmodifiableSet(rooms.isEmpty() ? new LinkedHashSet<>(this.sids.keySet()) : members(rooms));
	}

	@Override
	public @Nullable Set<String> socketRooms(String socketId) {
		Set<String> socketRooms = this.sids.get(socketId);
		return (socketRooms != null) ? Collections.unmodifiableSet(new LinkedHashSet<>(socketRooms)) : null;
	}

	@Override
	public Map<String, Collection<String>> rooms() {
		Map<String, Collection<String>> copy = new HashMap<>();
		this.rooms.forEach((room, members) -> copy.put(room, List.copyOf(members)));
		return copy;
	}

	@Override
	public Mono<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
		return Mono.fromSupplier(() -> localSockets(options));
	}

	/**
	 * Return the local sockets a selection targets.
	 * @param options the selection
	 * @return the sockets
	 */
	protected List<RemoteSocket> localSockets(BroadcastOptions options) {
		List<RemoteSocket> sockets = new ArrayList<>();
		for (String id : select(options)) {
			SocketIoSocket socket = this.context.socket(id);
			if (socket != null) {
				sockets.add(socket);
			}
		}
		return sockets;
	}

	@Override
	public void addSockets(BroadcastOptions options, Collection<String> rooms) {
		for (String id : select(options)) {
			SocketIoSocket socket = this.context.socket(id);
			if (socket != null) {
				socket.join(rooms);
			}
		}
	}

	@Override
	public void delSockets(BroadcastOptions options, Collection<String> rooms) {
		for (String id : select(options)) {
			SocketIoSocket socket = this.context.socket(id);
			if (socket != null) {
				for (String room : rooms) {
					socket.leave(room);
				}
			}
		}
	}

	@Override
	public void disconnectSockets(BroadcastOptions options, boolean close) {
		for (String id : select(options)) {
			SocketIoSocket socket = this.context.socket(id);
			if (socket != null) {
				socket.disconnect(close);
			}
		}
	}

	@Override
	public void serverSideEmit(ArrayNode data) {
		// A single node has no one to tell.
	}

	@Override
	public Mono<List<JsonNode>> serverSideEmitWithAck(ArrayNode data, BroadcastOptions options) {
		return Mono.just(List.of());
	}

	@Override
	public Mono<Integer> serverCount() {
		return Mono.just(1);
	}

}
