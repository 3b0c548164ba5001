package dev.realtime.socketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.protocol.SocketIoPacket;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * What a socket restored by connection state recovery still has to deliver: the events it
 * missed while disconnected, the broadcasts that reached it before its CONNECT
 * acknowledgement, and for a while the offsets it was sent among them. Only restored
 * sockets have one. Confined to the connection's context.
 */
final class SocketRecovery {

	/** How long a restored socket remembers the offsets of its missed packets. */
	private static final Duration RECOVERED_OFFSETS_RETENTION = Duration.ofSeconds(10);

	/** Events missed while disconnected, sent right after the CONNECT acknowledgement. */
	private List<ArrayNode> missedPackets;

	/** Broadcasts that reached the socket before its CONNECT acknowledgement. */
	private @Nullable List<HeldPacket> heldBack = new ArrayList<>();

	/**
	 * The offsets the socket got among its missed packets, for a while after it
	 * connected: a copy of one of them still on its way from another node goes out once.
	 */
	private @Nullable Set<String> recoveredOffsets;

	SocketRecovery(List<ArrayNode> missedPackets) {
		this.missedPackets = missedPackets;
	}

	/**
	 * Keep a broadcast that reached the socket before its CONNECT acknowledgement.
	 * @param encoded the encoded packet
	 * @param data the event, or {@code null} for another packet
	 */
	void holdBack(List<EnginePacket> encoded, @Nullable ArrayNode data) {
		if (this.heldBack != null) {
			this.heldBack.add(new HeldPacket(encoded, offset(data)));
		}
	}

	/**
	 * Whether the socket was already sent this event among its missed packets.
	 * @param data the event, or {@code null} for another packet
	 * @return {@code true} when the event must not go out again
	 */
	boolean alreadySent(@Nullable ArrayNode data) {
		if (this.recoveredOffsets == null) {
			return false;
		}
		String offset = offset(data);
		return offset != null && this.recoveredOffsets.contains(offset);
	}

	/**
	 * Send what the socket missed, right after its CONNECT acknowledgement: the missed
	 * events in order, then the broadcasts held back while it was connecting.
	 * @param client the socket's connection
	 * @param namespace the socket's namespace
	 */
	void sendMissedPackets(SocketIoClient client, DefaultNamespace namespace) {
		Set<String> sentOffsets = new HashSet<>();
		for (ArrayNode packet : this.missedPackets) {
			String offset = offset(packet);
			if (offset != null) {
				sentOffsets.add(offset);
			}
			client.write(namespace.encode(SocketIoPacket.event(namespace.name(), packet)), false);
		}
		this.missedPackets = List.of();
		List<HeldPacket> held = this.heldBack;
		this.heldBack = null;
		if (held != null) {
			for (HeldPacket packet : held) {
				// A packet kept before the session was read and delivered after the
				// socket
				// rejoined its rooms is both missed and held back: it goes out once.
				if (packet.offset() == null || !sentOffsets.contains(packet.offset())) {
					client.write(packet.encoded(), false);
				}
			}
		}
		if (!sentOffsets.isEmpty()) {
			this.recoveredOffsets = sentOffsets;
			client.schedule(() -> this.recoveredOffsets = null, RECOVERED_OFFSETS_RETENTION.toMillis());
		}
	}

	/**
	 * Drop what was to be delivered, as the socket could not connect.
	 */
	void abandon() {
		this.heldBack = null;
		this.missedPackets = List.of();
	}

	/** The offset of an event with connection state recovery on: its last argument. */
	private static @Nullable String offset(@Nullable ArrayNode data) {
		if (data == null || data.size() < 2) {
			return null;
		}
		JsonNode last = data.get(data.size() - 1);
		return last.isString() ? last.stringValue() : null;
	}

	private record HeldPacket(List<EnginePacket> encoded, @Nullable String offset) {
	}

}
