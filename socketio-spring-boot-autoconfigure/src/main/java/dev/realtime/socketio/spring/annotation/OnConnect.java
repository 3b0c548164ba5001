package dev.realtime.socketio.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method called when a socket has joined the namespace (after the server
 * acknowledged its CONNECT). It may take the socket, its namespace, its handshake and its
 * principal, and returns {@code void} or a {@code Mono<Void>}: there is no ack to reply
 * to.
 * <p>
 * Events of the socket are handled after every {@code @OnConnect} method that may block
 * has returned.
 *
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnConnect {

}
