package dev.realtime.socketio.spring.handler;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.core.MethodParameter;

/**
 * An event argument is missing or cannot be converted to the handler's parameter type. By
 * default the client's ack receives {@code {"error":"invalid payload","message":"argument
 * 0 of event 'bid' cannot be read"}}: the message, which names no class and carries no
 * parser detail (those are in the cause, logged at debug level); handle it with a
 * {@code @SocketIoExceptionHandler} method to answer differently. When the parser names
 * the field it failed on (a wrong type, a missing non-null Kotlin property), the reply
 * also has {@code "field"}, such as {@code "items[2].name"}. Handlers may throw it too,
 * with a message meant for the client.
 *
 * @since 0.1.0
 */
public class InvalidPayloadException extends RuntimeException {

	private final transient MethodParameter parameter;

	private final int index;

	/**
	 * Create an exception.
	 * @param message the message, which reaches the client: no internals in it
	 * @param parameter the handler method parameter
	 * @param index the index of the event argument
	 * @param cause the conversion error, or {@code null}
	 */
	public InvalidPayloadException(String message, MethodParameter parameter, int index, @Nullable Throwable cause) {
		super(message, cause);
		this.parameter = parameter;
		this.index = index;
	}

	/**
	 * Return the handler method parameter.
	 * @return the parameter
	 */
	public MethodParameter getParameter() {
		return this.parameter;
	}

	/**
	 * Return the index of the event argument.
	 * @return the index
	 */
	public int getIndex() {
		return this.index;
	}

	/**
	 * Return the field of the argument the parser failed on, from the path of the
	 * {@link JacksonException} cause: property names joined with dots, array indexes in
	 * brackets ({@code items[2].name}).
	 * @return the field, or {@code null} when the cause names none
	 * @since 0.1.0
	 */
	public @Nullable String getField() {
		if (!(getCause() instanceof JacksonException jackson)) {
			return null;
		}
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : jackson.getPath()) {
			String name = reference.getPropertyName();
			if (name != null) {
				if (!field.isEmpty()) {
					field.append('.');
				}
				field.append(name);
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.isEmpty() ? null : field.toString();
	}

}
