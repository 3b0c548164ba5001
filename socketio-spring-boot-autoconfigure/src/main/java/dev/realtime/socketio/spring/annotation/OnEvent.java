package dev.realtime.socketio.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that handles one or more events of the namespace.
 * <p>
 * Parameters without an annotation that no other resolver claims are the event's
 * arguments, in order, converted by the application's {@code JsonMapper} to the declared
 * type (see {@link Payload}). The return value, or the value of a returned {@code Mono},
 * is the acknowledgement reply when the client asked for one; a returned {@code Flux} is
 * collected into one list first. A method that returns a reactive type runs on the
 * connection's event loop and must not block; any other method may block and runs on a
 * worker thread, in the order the socket's events arrived.
 *
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnEvent {

	/**
	 * The event names; at most one handler per event and namespace.
	 * @return the event names
	 */
	String[] value();

}
