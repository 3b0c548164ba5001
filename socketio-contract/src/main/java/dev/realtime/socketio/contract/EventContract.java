package dev.realtime.socketio.contract;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One event: its arguments in order and, for an event the server answers, the ack reply.
 *
 * @param name the event name
 * @param arguments the arguments, in the order they are sent
 * @param ack the ack reply, or {@code null} when the receiver does not answer
 * @param description what the event is for, or an empty string
 * @since 0.1.0
 */
public record EventContract(String name, List<ArgumentContract> arguments, @Nullable AckContract ack,
		String description) {

	/**
	 * Create an event contract.
	 * @param name the event name
	 * @param arguments the arguments
	 * @param ack the ack reply, or {@code null}
	 * @param description the description
	 */
	public EventContract {
		arguments = List.copyOf(arguments);
	}

}
