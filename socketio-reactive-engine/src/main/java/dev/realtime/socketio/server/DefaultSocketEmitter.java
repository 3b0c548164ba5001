package dev.realtime.socketio.server;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;

/**
 * A socket's emitter with flags (timeout, volatile).
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
		this.socket.sendEvent(event, data, null, null, this.volatileFlag);
	}

	@Override
	public void emitWithCallback(String event, AckCallback callback, Object... args) {
		Payloads.checkEventName(event);
		ArrayNode data = Payloads.eventData(this.socket.namespace().server().options().jsonMapper(), event, args);
		this.socket.sendEvent(event, data, callback, this.timeout, this.volatileFlag);
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
