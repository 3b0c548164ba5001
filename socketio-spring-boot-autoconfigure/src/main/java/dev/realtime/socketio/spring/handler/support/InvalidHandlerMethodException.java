package dev.realtime.socketio.spring.handler.support;

import java.lang.reflect.AnnotatedElement;

/**
 * A {@code @SocketIoNamespace} bean or one of its handler methods cannot be served: an
 * unsupported parameter or return type, a second handler for an event, a reserved event
 * name, an invalid namespace. Thrown at startup, so that the mistake shows before the
 * first event rather than as a failure of every event; Spring Boot reports it with the
 * method and what to change instead of a stack trace.
 *
 * @since 0.1.0
 */
public class InvalidHandlerMethodException extends IllegalStateException {

	private final transient AnnotatedElement element;

	private final String action;

	/**
	 * Create an exception.
	 * @param element the handler method, or the bean class for a namespace mistake
	 * @param message what is wrong, naming the method and parameter
	 * @param action what to change
	 */
	public InvalidHandlerMethodException(AnnotatedElement element, String message, String action) {
		super(message);
		this.element = element;
		this.action = action;
	}

	/**
	 * Return the handler method, or the bean class for a namespace mistake.
	 * @return the method or class
	 */
	public AnnotatedElement getElement() {
		return this.element;
	}

	/**
	 * Return what to change.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
