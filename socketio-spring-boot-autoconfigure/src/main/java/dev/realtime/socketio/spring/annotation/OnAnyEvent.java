package dev.realtime.socketio.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that receives every incoming event of the namespace, including the ones
 * an {@link OnEvent @OnEvent} method handles (Node's {@code socket.onAny}). It gets the
 * event name through an {@link EventName @EventName} parameter and the arguments as
 * payload parameters. Like an {@code @OnEvent} method, it may answer the event's ack by
 * its return value or an {@code AckSender} parameter; when an {@code @OnEvent} method of
 * the same event answers too, the first answer is the one sent.
 *
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnAnyEvent {

}
