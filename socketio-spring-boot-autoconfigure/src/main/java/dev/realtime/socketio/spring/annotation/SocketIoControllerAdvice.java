package dev.realtime.socketio.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Component;

/**
 * Marks a bean whose {@link SocketIoExceptionHandler @SocketIoExceptionHandler} methods
 * apply to the handlers of every {@link SocketIoNamespace @SocketIoNamespace} bean, after
 * the bean's own exception handlers. Several advice beans are consulted in their
 * {@link org.springframework.core.annotation.Order @Order}.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface SocketIoControllerAdvice {

}
