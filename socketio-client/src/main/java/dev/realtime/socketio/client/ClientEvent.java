package dev.realtime.socketio.client;

import java.util.List;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event received from the server: its name and arguments, as JSON trees in which
 * binary arguments are {@link tools.jackson.databind.node.BinaryNode}s.
 * {@link #arg(int, Class)} converts an argument with the client's {@link JsonMapper}
 * ({@code byte[]} for binary).
 * <p>
 * With connection state recovery on, the server appends its offset as the last argument
 * of most events; it is kept in {@link #args()}, as the JavaScript client keeps it.
 *
 * @since 0.1.0
 */
public final class ClientEvent {

	private final String name;

	private final List<JsonNode> args;

	private final boolean ackRequested;

	private final JsonMapper mapper;

	/**
	 * Create an event.
	 * @param name the event name
	 * @param args the arguments, after the name
	 * @param ackRequested whether the server asked for an ack
	 * @param mapper the mapper that converts the arguments
	 */
	public ClientEvent(String name, List<JsonNode> args, boolean ackRequested, JsonMapper mapper) {
		this.name = Objects.requireNonNull(name, "name");
		this.args = List.copyOf(args);
		this.ackRequested = ackRequested;
		this.mapper = Objects.requireNonNull(mapper, "mapper");
	}

	/**
	 * Return the event name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the arguments after the event name.
	 * @return the arguments, possibly empty
	 */
	public List<JsonNode> args() {
		return this.args;
	}

	/**
	 * Whether the server asked for an acknowledgement (see
	 * {@link ClientSocket#onRequest(String, java.util.function.Function)}).
	 * @return {@code true} if the event carried an ack id
	 */
	public boolean ackRequested() {
		return this.ackRequested;
	}

	/**
	 * Convert one argument.
	 * @param <T> the type to convert to
	 * @param index the argument index, 0 for the first argument after the name
	 * @param type the type to convert to, {@code byte[]} for a binary argument
	 * @return the converted argument ({@code null} for a JSON {@code null})
	 * @throws IllegalArgumentException if there is no such argument or it does not
	 * convert
	 */
	public <T> T arg(int index, Class<T> type) {
		if (index < 0 || index >= this.args.size()) {
			throw new IllegalArgumentException(
					"Event '" + this.name + "' has " + this.args.size() + " argument(s), no argument " + index);
		}
		try {
			return this.mapper.treeToValue(this.args.get(index), type);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Argument " + index + " of event '" + this.name + "' is not a "
					+ type.getName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public String toString() {
		return "ClientEvent[" + this.name + ", " + this.args + (this.ackRequested ? ", ack requested]" : "]");
	}

}
