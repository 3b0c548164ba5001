package dev.realtime.socketio.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that handles exceptions thrown by the handler methods of the same bean
 * or, on a {@link SocketIoControllerAdvice @SocketIoControllerAdvice} bean, of every
 * namespace bean. The closest match by exception type wins, and the bean's own handlers
 * win over advice.
 * <p>
 * The method takes the exception (a parameter of a matching type) and any argument an
 * event handler can take. Its return value becomes the acknowledgement reply when the
 * client asked for one. The socket stays connected.
 *
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SocketIoExceptionHandler {

	/**
	 * The exception types handled; by default the types of the method's {@code Throwable}
	 * parameters.
	 * @return the exception types
	 */
	Class<? extends Throwable>[] value() default {};

}
