package dev.realtime.socketio.spring.handler;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.realtime.socketio.server.AckSender;
import dev.realtime.socketio.server.DisconnectReason;
import dev.realtime.socketio.server.SocketIoSocket;

/**
 * What a handler method is invoked for: a socket that connected, one event it sent, or
 * its disconnection. Immutable; created once per invocation.
 *
 * @since 0.1.0
 */
public final class EventContext {

	private static final ArrayNode NO_ARGS = JsonNodeFactory.instance.arrayNode(0);

	private final Kind kind;

	private final SocketIoSocket socket;

	private final @Nullable String eventName;

	private final ArrayNode args;

	private final @Nullable AckSender ackSender;

	private final @Nullable DisconnectReason disconnectReason;

	private EventContext(Kind kind, SocketIoSocket socket, @Nullable String eventName, ArrayNode args,
			@Nullable AckSender ackSender, @Nullable DisconnectReason disconnectReason) {
		this.kind = kind;
		this.socket = socket;
		this.eventName = eventName;
		this.args = args;
		this.ackSender = ackSender;
		this.disconnectReason = disconnectReason;
	}

	/**
	 * Create the context of a socket that joined its namespace.
	 * @param socket the socket
	 * @return the context
	 */
	public static EventContext connect(SocketIoSocket socket) {
		return new EventContext(Kind.CONNECT, socket, null, NO_ARGS, null, null);
	}

	/**
	 * Create the context of an event.
	 * @param socket the receiving socket
	 * @param eventName the event name
	 * @param args the event arguments, binary ones as {@code BinaryNode}s
	 * @param ackSender the acknowledgement the client asked for, or {@code null}
	 * @return the context
	 */
	public static EventContext event(SocketIoSocket socket, String eventName, ArrayNode args,
			@Nullable AckSender ackSender) {
		return new EventContext(Kind.EVENT, socket, eventName, args, ackSender, null);
	}

	/**
	 * Create the context of a socket that left its namespace.
	 * @param socket the socket
	 * @param reason the disconnect reason
	 * @return the context
	 */
	public static EventContext disconnect(SocketIoSocket socket, DisconnectReason reason) {
		return new EventContext(Kind.DISCONNECT, socket, null, NO_ARGS, null, reason);
	}

	/**
	 * Return what the handler is invoked for.
	 * @return the kind
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * Return the socket.
	 * @return the socket
	 */
	public SocketIoSocket socket() {
		return this.socket;
	}

	/**
	 * Return the event name.
	 * @return the name, or {@code null} unless the kind is {@link Kind#EVENT}
	 */
	public @Nullable String eventName() {
		return this.eventName;
	}

	/**
	 * Return what the handler handles, by name: the event's name, or {@code connect} or
	 * {@code disconnect} for lifecycle handlers, as in metrics and observations.
	 * @return the name, never {@code null}
	 */
	public String handledName() {
		return switch (this.kind) {
			case CONNECT -> "connect";
			case DISCONNECT -> "disconnect";
			case EVENT -> (this.eventName != null) ? this.eventName : "";
		};
	}

	/**
	 * Return the event arguments, without the event name.
	 * @return the arguments, empty unless the kind is {@link Kind#EVENT}
	 */
	public ArrayNode args() {
		return this.args;
	}

	/**
	 * Return the acknowledgement the client asked for.
	 * @return the ack sender, or {@code null} when the client asked for none
	 */
	public @Nullable AckSender ackSender() {
		return this.ackSender;
	}

	/**
	 * Return the disconnect reason.
	 * @return the reason, or {@code null} unless the kind is {@link Kind#DISCONNECT}
	 */
	public @Nullable DisconnectReason disconnectReason() {
		return this.disconnectReason;
	}

	@Override
	public String toString() {
		return switch (this.kind) {
			case CONNECT -> "connect of " + this.socket;
			case EVENT -> "event '" + this.eventName + "' of " + this.socket;
			case DISCONNECT -> "disconnect (" + this.disconnectReason + ") of " + this.socket;
		};
	}

	/**
	 * What a handler method is invoked for.
	 */
	public enum Kind {

		/** A socket joined the namespace. */
		CONNECT,

		/** A socket sent an event. */
		EVENT,

		/** A socket left the namespace. */
		DISCONNECT

	}

}
