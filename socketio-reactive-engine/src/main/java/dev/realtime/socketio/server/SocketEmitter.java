package dev.realtime.socketio.server;

import java.time.Duration;

import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ArrayNode;

/**
 * Emits events to one socket's client.
 *
 * @since 0.1.0
 */
public interface SocketEmitter {

	/**
	 * Emit an event.
	 * @param event the event name (not a reserved one such as {@code connect})
	 * @param args the arguments, converted to JSON ({@code byte[]} and {@code ByteBuffer}
	 * become binary attachments)
	 */
	void emit(String event, Object... args);

	/**
	 * Emit an event and receive the client's acknowledgement through a callback.
	 * @param event the event name
	 * @param callback called with the client's reply, or with an error after the timeout
	 * @param args the arguments
	 */
	void emitWithCallback(String event, AckCallback callback, Object... args);

	/**
	 * Emit an event and wait for the client's acknowledgement.
	 * @param event the event name
	 * @param args the arguments
	 * @return the client's reply arguments; an {@link AckTimeoutException} after the
	 * timeout, if one was set
	 */
	Mono<ArrayNode> emitWithAck(String event, Object... args);

	/**
	 * Return an emitter whose acknowledgements time out.
	 * @param timeout the timeout
	 * @return a new emitter
	 */
	SocketEmitter timeout(Duration timeout);

	/**
	 * Return an emitter that drops events the transport cannot write right now.
	 * @return a new emitter
	 */
	SocketEmitter asVolatile();

	/**
	 * Return an emitter with the given compression flag.
	 * @param compress whether to compress
	 * @return a new emitter
	 */
	SocketEmitter compress(boolean compress);

}
