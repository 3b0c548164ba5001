package dev.realtime.socketio.client;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A client's socket in one namespace. Many sockets share the client's one Engine.IO
 * connection. Obtained from {@link SocketIoClient#connect()} once the server accepted it.
 * <p>
 * Arguments are converted with the client's {@code JsonMapper}; a {@code byte[]} argument
 * (at any depth) is sent as a binary attachment. Everything a socket publishes is
 * published on its client's own thread, one signal at a time: do not block there.
 * <p>
 * Event fluxes are hot: an event is delivered to the fluxes subscribed when it arrives.
 * Subscribe in the chain that connects (for example
 * {@code client.connect().flatMapMany((socket) -> socket.on("news", News.class))}) to see
 * the events the server sends right after accepting the socket.
 *
 * @since 0.1.0
 */
public interface ClientSocket {

	/**
	 * Return the namespace of this socket.
	 * @return the namespace, for example {@code /} or {@code /chat}
	 */
	String namespace();

	/**
	 * Return the socket id the server gave; it changes with each reconnection unless the
	 * session was recovered.
	 * @return the id, or {@code null} while not connected
	 */
	@Nullable String id();

	/**
	 * Whether the socket is connected now.
	 * @return {@code true} when connected
	 */
	boolean connected();

	/**
	 * Whether the last connection restored the previous session (connection state
	 * recovery).
	 * @return {@code true} if the server recovered the session
	 */
	boolean recovered();

	/**
	 * Send an event. While the socket is reconnecting, events are buffered and sent once
	 * it is connected again.
	 * @param event the event name
	 * @param args the arguments
	 * @throws IllegalArgumentException for a reserved event name ({@code connect},
	 * {@code disconnect}, ...)
	 * @throws SocketIoDisconnectedException if the socket was disconnected for good
	 */
	void emit(String event, Object... args);

	/**
	 * Send an event and wait for the server's acknowledgement.
	 * @param timeout how long to wait for the ack
	 * @param event the event name
	 * @param args the arguments
	 * @return the ack's arguments; an {@link AckTimeoutException} after the timeout, or a
	 * {@link SocketIoDisconnectedException} if the connection drops first
	 */
	Mono<List<JsonNode>> emitWithAck(Duration timeout, String event, Object... args);

	/**
	 * Send an event and wait for the server's acknowledgement, converting its first
	 * argument.
	 * @param <T> the type of the reply
	 * @param timeout how long to wait for the ack
	 * @param type the type of the reply
	 * @param event the event name
	 * @param args the arguments
	 * @return the ack's first argument; empty if the ack had none or it was JSON
	 * {@code null}; errors as {@link #emitWithAck(Duration, String, Object...)}
	 */
	<T> Mono<T> emitWithAck(Duration timeout, Class<T> type, String event, Object... args);

	/**
	 * Receive the events of one name.
	 * @param event the event name
	 * @return the events, completing when the socket is disconnected for good
	 */
	Flux<ClientEvent> on(String event);

	/**
	 * Receive the first argument of the events of one name, converted.
	 * @param <T> the type of the argument
	 * @param event the event name
	 * @param type the type of the argument, {@code byte[]} for a binary argument
	 * @return the arguments, completing when the socket is disconnected for good, failing
	 * if an argument does not convert
	 */
	<T> Flux<T> on(String event, Class<T> type);

	/**
	 * Receive every event, whatever its name.
	 * @return the events, completing when the socket is disconnected for good
	 */
	Flux<ClientEvent> onAny();

	/**
	 * Answer the server's acknowledgement requests for one event name with the return
	 * value of a handler: a value (the ack's one argument), {@code null} (an ack without
	 * arguments) or a {@link org.reactivestreams.Publisher} of one value. A handler that
	 * throws or fails leaves the request unanswered (the server's timeout applies). The
	 * event is delivered to {@link #on(String)} as well. Replaces an earlier handler.
	 * @param event the event name
	 * @param handler the handler, called on the client's thread
	 */
	void onRequest(String event, Function<ClientEvent, @Nullable Object> handler);

	/**
	 * Receive the changes of this socket's connection: reconnections, disconnections,
	 * refusals.
	 * @return the changes, from now on, completing when the socket is disconnected for
	 * good
	 */
	Flux<ConnectionEvent> connectionEvents();

	/**
	 * Leave the namespace: the server is told, the socket is not reconnected, and the
	 * client's connection is closed once none of its sockets is connected.
	 * @return completes once the socket is disconnected
	 */
	Mono<Void> disconnect();

}
