package dev.realtime.socketio.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a bean whose {@link OnConnect @OnConnect}, {@link OnEvent @OnEvent},
 * {@link OnAnyEvent @OnAnyEvent} and {@link OnDisconnect @OnDisconnect} methods handle
 * the sockets of one namespace. Either a static namespace ({@link #path()}, {@code /} by
 * default) or a dynamic one: every namespace whose whole name matches {@link #pattern()}.
 * <pre class="code">
 * &#64;SocketIoNamespace("/chat")
 * class ChatHandler {
 *
 *     &#64;OnEvent("message")
 *     Receipt message(SocketIoSocket socket, &#64;Valid ChatMessage message) {
 *         socket.to(message.room()).emit("message", message);
 *         return new Receipt(message.id());   // the ack reply
 *     }
 *
 * }
 * </pre> Several beans may serve the same namespace, as long as no event has two
 * handlers.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface SocketIoNamespace {

	/**
	 * Alias for {@link #path()}.
	 * @return the namespace name
	 */
	@AliasFor("path")
	String value() default "";

	/**
	 * The namespace name, such as {@code /chat}; {@code /} (the main namespace) when
	 * neither this nor {@link #pattern()} is set.
	 * @return the namespace name
	 */
	@AliasFor("value")
	String path() default "";

	/**
	 * A regular expression for a dynamic namespace: the handlers serve every namespace
	 * whose whole name matches, such as {@code ^/room-\d+$}. Exclusive with
	 * {@link #path()}.
	 * @return the pattern, or an empty string
	 */
	String pattern() default "";

}
