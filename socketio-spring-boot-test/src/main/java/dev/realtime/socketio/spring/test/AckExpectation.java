package dev.realtime.socketio.spring.test;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import dev.realtime.socketio.client.AckTimeoutException;
import dev.realtime.socketio.client.ClientSocket;

/**
 * The ack a {@link TestSocket} waits for after
 * {@link TestSocket#emitWithAck(String, Object...)}: read it as a type, as raw arguments,
 * or as a {@link Mono} for {@code StepVerifier}. The event is sent when one of these
 * methods is called, once.
 *
 * @since 0.1.0
 */
public final class AckExpectation {

	private final ClientSocket socket;

	private final Duration timeout;

	private final String event;

	private final Object[] args;

	AckExpectation(ClientSocket socket, Duration timeout, String event, Object[] args) {
		this.socket = socket;
		this.timeout = timeout;
		this.event = event;
		this.args = args;
	}

	/**
	 * Send the event and wait for the ack, converting its first argument.
	 * @param <T> the reply type
	 * @param type the reply type, converted with the application's {@code JsonMapper}
	 * @return the reply, {@code null} if the ack had no argument or a JSON {@code null}
	 * @throws AssertionError if no ack came within the client's timeout
	 */
	public <T> @Nullable T expectReply(Class<T> type) {
		return await(reply(type));
	}

	/**
	 * Send the event and wait for the ack.
	 * @return the ack's arguments
	 * @throws AssertionError if no ack came within the client's timeout
	 */
	public List<JsonNode> expectReplyArgs() {
		List<JsonNode> args = await(replyArgs());
		return (args != null) ? args : List.of();
	}

	/**
	 * Return the reply as a {@link Mono} that sends the event when subscribed.
	 * @param <T> the reply type
	 * @param type the reply type
	 * @return the reply; an {@link AckTimeoutException} after the client's timeout
	 */
	public <T> Mono<T> reply(Class<T> type) {
		return this.socket.emitWithAck(this.timeout, type, this.event, this.args);
	}

	/**
	 * Return the ack's arguments as a {@link Mono} that sends the event when subscribed.
	 * @return the arguments; an {@link AckTimeoutException} after the client's timeout
	 */
	public Mono<List<JsonNode>> replyArgs() {
		return this.socket.emitWithAck(this.timeout, this.event, this.args);
	}

	private <T> @Nullable T await(Mono<T> reply) {
		try {
			return reply.block(this.timeout.plusSeconds(1));
		}
		catch (AckTimeoutException ex) {
			throw new AssertionError("No ack for '" + this.event + "' on " + this.socket.namespace() + " within "
					+ this.timeout.toMillis() + " ms", ex);
		}
	}

}
