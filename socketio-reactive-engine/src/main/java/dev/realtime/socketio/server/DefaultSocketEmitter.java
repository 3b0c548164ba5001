package dev.realtime.socketio.server;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.server.adapter.BroadcastOptions;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A socket's emitter with flags (timeout, volatile): builds events and sends them to the
 * socket's client.
 */
final class DefaultSocketEmitter implements SocketEmitter {

	private final DefaultSocketIoSocket socket;

	private final @Nullable Duration timeout;

	private final boolean volatileFlag;

	DefaultSocketEmitter(DefaultSocketIoSocket socket, @Nullable Duration timeout, boolean volatileFlag) {
		this.socket = socket;
		this.timeout = timeout;
		this.volatileFlag = volatileFlag;
	}

	@Override
	public void emit(String event, Object... args) {
		Payloads.checkEventName(event);
		ArrayNode data = Payloads.eventData(this.socket.namespace().server().options().jsonMapper(), event, args);
		send(event, data, null);
	}

	@Override
	public void emitWithCallback(String event, AckCallback callback, Object... args) {
		Payloads.checkEventName(event);
		ArrayNode data = Payloads.eventData(this.socket.namespace().server().options().jsonMapper(), event, args);
		send(event, data, callback);
	}

	@Override
	public Mono<ArrayNode> emitWithAck(String event, Object... args) {
		// Refuse a reserved name at once, as emit and the broadcast operators do.
		Payloads.checkEventName(event);
		return Mono.create((sink) -> emitWithCallback(event, (error, reply) -> {
			if (error != null) {
				sink.error(error);
			}
			else {
				sink.success(reply);
			}
		}, args));
	}

	/** Send an event; safe from any thread. */
	private void send(String event, ArrayNode data, @Nullable AckCallback callback) {
		DefaultSocketIoSocket socket = this.socket;
		DefaultNamespace namespace = socket.namespace();
		if (socket.pid() != null && callback == null && !this.volatileFlag) {
			// docs/protocol.md 2.8: through the adapter, which gives the event its offset
			// and keeps it
			// (it reaches the client on recovery even when sent while disconnected). The
			// socket
			// is on this node: no other node needs to hear of it.
			namespace.adapter()
				.broadcast(SocketIoPacket.event(namespace.name(), data),
						BroadcastOptions.builder().rooms(Set.of(socket.id())).local(true).build());
			return;
		}
		long ackId = (callback != null) ? namespace.nextAckId() : SocketIoPacket.NO_ACK_ID;
		List<EnginePacket> encoded = namespace.encode(SocketIoPacket.event(namespace.name(), data, ackId));
		@Nullable Duration timeout = this.timeout;
		boolean volatileFlag = this.volatileFlag;
		SocketIoClient client = socket.client();
		client.execute(() -> {
			if (!socket.connected()) {
				if (callback != null) {
					callback.onAck(new IllegalStateException("socket has been disconnected"),
							JsonNodeFactory.instance.arrayNode());
				}
				return;
			}
			if (callback != null) {
				socket.registerAck(ackId, callback, timeout);
			}
			socket.notifyOutgoing(event, data);
			client.write(encoded, volatileFlag);
			namespace.server().metrics().eventSent(namespace.name(), event, 1);
		});
	}

	@Override
	public SocketEmitter timeout(Duration timeout) {
		return new DefaultSocketEmitter(this.socket, timeout, this.volatileFlag);
	}

	@Override
	public SocketEmitter asVolatile() {
		return new DefaultSocketEmitter(this.socket, this.timeout, true);
	}

	@Override
	public SocketEmitter compress(boolean compress) {
		return this;
	}

}
