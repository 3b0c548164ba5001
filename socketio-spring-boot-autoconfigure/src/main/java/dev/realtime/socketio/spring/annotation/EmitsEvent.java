package dev.realtime.socketio.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an event that the server emits to the sockets of a
 * {@link SocketIoNamespace @SocketIoNamespace} bean's namespace, with the types of its
 * arguments. The handler model does not use it to dispatch anything: it is the
 * server-to-client half of the namespace's contract, which the AsyncAPI document and the
 * TypeScript definitions of the {@code socketio-contract} module describe.
 * <pre class="code">
 * &#64;SocketIoNamespace("/chat")
 * &#64;EmitsEvent(name = "message", payload = ChatMessage.class)
 * &#64;EmitsEvent(name = "presence", payload = Presence.class, description = "Who is in a room")
 * class ChatHandler { ... }
 * </pre>
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(EmitsEvents.class)
public @interface EmitsEvent {

	/**
	 * The event name.
	 * @return the event name
	 */
	String name();

	/**
	 * The types of the event's arguments, in order; none for an event without arguments.
	 * @return the argument types
	 */
	Class<?>[] payload() default {};

	/**
	 * What the event tells the client, for the contract's readers.
	 * @return the description, or an empty string
	 */
	String description() default "";

}
