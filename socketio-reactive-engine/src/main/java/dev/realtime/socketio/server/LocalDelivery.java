package dev.realtime.socketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.server.adapter.BroadcastAckHandler;
import dev.realtime.socketio.server.adapter.BroadcastOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The delivery side of the adapter contract for one namespace: a packet the adapter sends
 * to sockets of this node is encoded once, then each event loop gets tasks that write it
 * to its recipients, a chunk at a time ({@link LoopFanOut}). A session busy on another
 * thread at that moment takes its write in turn.
 */
final class LocalDelivery {

	private final DefaultNamespace namespace;

	/** The connected sockets of the namespace, shared with it. */
	private final Map<String, SocketIoSocket> sockets;

	/** Restored sockets still connecting, shared with the admission. */
	private final Map<String, DefaultSocketIoSocket> recovering;

	LocalDelivery(DefaultNamespace namespace, Map<String, SocketIoSocket> sockets,
			Map<String, DefaultSocketIoSocket> recovering) {
		this.namespace = namespace;
		this.sockets = sockets;
		this.recovering = recovering;
	}

	void deliver(Collection<String> socketIds, SocketIoPacket packet, BroadcastOptions options) {
		List<EnginePacket> encoded = this.namespace.encode(packet);
		ArrayNode data = (packet.data() instanceof ArrayNode array) ? array : null;
		forEachLoop(socketIds, (socket) -> socket.writeBroadcast(encoded, data, options.volatileFlag()));
		if (data != null) {
			this.namespace.server()
				.metrics()
				.eventSent(this.namespace.name(), Payloads.eventName(data), socketIds.size());
		}
	}

	/**
	 * Send an event that asks every recipient for an acknowledgement. The recipients are
	 * counted where the packet is written, in each session's own context, and reported
	 * once all were visited: a socket that disconnected meanwhile gets nothing and is not
	 * waited for, so the count always matches the acknowledgements that can come.
	 */
	void deliverWithAck(Collection<String> socketIds, SocketIoPacket packet, BroadcastOptions options,
			BroadcastAckHandler handler) {
		List<EnginePacket> encoded = this.namespace.encode(packet);
		ArrayNode data = (packet.data() instanceof ArrayNode array) ? array : null;
		List<DefaultSocketIoSocket> recipients = resolve(socketIds, false);
		if (recipients.isEmpty()) {
			handler.clientCount(0);
			return;
		}
		Duration timeout = options.timeout();
		AtomicInteger remaining = new AtomicInteger(recipients.size());
		AtomicInteger sent = new AtomicInteger();
		forEachLoop(recipients, (socket) -> {
			try {
				if (socket.connected()) {
					socket.registerAck(packet.ackId(), (error, reply) -> {
						if (error == null) {
							JsonNode first = (reply.size() > 0) ? reply.get(0) : JsonNodeFactory.instance.nullNode();
							handler.ack(first);
						}
					}, timeout);
					socket.writeBroadcast(encoded, data, options.volatileFlag());
					sent.incrementAndGet();
				}
			}
			finally {
				if (remaining.decrementAndGet() == 0) {
					handler.clientCount(sent.get());
				}
			}
		});
	}

	/**
	 * Find the local sockets, with or without the restored ones still connecting (which
	 * hold broadcasts back until their CONNECT acknowledgement).
	 */
	private List<DefaultSocketIoSocket> resolve(Collection<String> socketIds, boolean withRecovering) {
		List<DefaultSocketIoSocket> resolved = new ArrayList<>(socketIds.size());
		for (String id : socketIds) {
			SocketIoSocket socket = this.sockets.get(id);
			if (socket instanceof DefaultSocketIoSocket local) {
				resolved.add(local);
			}
			else if (withRecovering && !this.recovering.isEmpty()) {
				DefaultSocketIoSocket restored = this.recovering.get(id);
				if (restored != null) {
					resolved.add(restored);
				}
			}
		}
		return resolved;
	}

	/**
	 * Look the recipients up and hand them to their loops as they are found
	 * ({@link LoopFanOut}): no copy of the room, no second pass.
	 */
	private void forEachLoop(Collection<String> socketIds, Consumer<DefaultSocketIoSocket> action) {
		int size = socketIds.size();
		if (size == 1) {
			// A room's live member set may lose its member meanwhile: no next()
			// unchecked.
			Iterator<String> ids = socketIds.iterator();
			SocketIoSocket socket = ids.hasNext() ? this.sockets.get(ids.next()) : null;
			if (socket instanceof DefaultSocketIoSocket local) {
				local.engineSocket().execute(action, local);
				return;
			}
		}
		LoopFanOut fanOut = new LoopFanOut(action, size);
		boolean withRecovering = !this.recovering.isEmpty();
		for (String id : socketIds) {
			SocketIoSocket socket = this.sockets.get(id);
			if (socket instanceof DefaultSocketIoSocket local) {
				fanOut.add(local);
			}
			else if (withRecovering) {
				DefaultSocketIoSocket restored = this.recovering.get(id);
				if (restored != null) {
					fanOut.add(restored);
				}
			}
		}
		fanOut.finish();
	}

	private void forEachLoop(List<DefaultSocketIoSocket> recipients, Consumer<DefaultSocketIoSocket> action) {
		if (recipients.size() == 1) {
			DefaultSocketIoSocket socket = recipients.get(0);
			socket.engineSocket().execute(action, socket);
			return;
		}
		LoopFanOut fanOut = new LoopFanOut(action, recipients.size());
		for (int i = 0; i < recipients.size(); i++) {
			fanOut.add(recipients.get(i));
		}
		fanOut.finish();
	}

}
