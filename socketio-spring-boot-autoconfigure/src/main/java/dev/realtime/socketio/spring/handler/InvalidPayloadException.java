package dev.realtime.socketio.spring.handler;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;

/**
 * An event argument is missing or cannot be converted to the handler's parameter type. By
 * default the client's ack receives {@code {"error":"invalid payload","message":"argument
 * 0 of event 'bid' cannot be read"}}: the message, which names no class and carries no
 * parser detail (those are in the cause, logged at debug level); handle it with a
 * {@code @SocketIoExceptionHandler} method to answer differently. Handlers may throw it
 * too, with a message meant for the client.
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

}
