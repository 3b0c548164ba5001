package dev.realtime.socketio.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method called when a socket has left the namespace. Besides the socket types it
 * may take a {@link dev.realtime.socketio.server.DisconnectReason} parameter, which
 * receives the disconnect reason (its
 * {@link dev.realtime.socketio.server.DisconnectReason#isRecoverable() isRecoverable()}
 * tells whether the client may come back with its session), or a {@code String}
 * parameter, which receives the reason's Node.js name, such as {@code transport close}.
 * It returns {@code void} or a {@code Mono<Void>}.
 * <p>
 * It runs after the handlers of every event the socket sent before it left.
 *
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnDisconnect {

}
