package dev.realtime.socketio.spring.handler;

import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;

/**
 * Resolves a handler method parameter from the {@link EventContext} of an invocation.
 * Declare an implementation as a bean to add it to the defaults: user resolvers are
 * consulted after the built-in ones for socket types, the ack sender, the event name and
 * {@code @Payload} parameters, and before unannotated parameters default to payloads.
 * <p>
 * {@link #supportsParameter} is called once per parameter at startup; a method with a
 * parameter no resolver supports fails startup.
 *
 * @since 0.1.0
 * @see SyncEventArgumentResolver
 */
public interface EventArgumentResolver {

	/**
	 * Whether this resolver supports the parameter.
	 * @param parameter the method parameter
	 * @return {@code true} if {@link #resolveArgument} can resolve it
	 */
	boolean supportsParameter(MethodParameter parameter);

	/**
	 * Resolve the argument.
	 * @param parameter the method parameter, previously passed to
	 * {@link #supportsParameter}
	 * @param context the invocation
	 * @return the value, or an empty {@code Mono} for {@code null}
	 */
	Mono<Object> resolveArgument(MethodParameter parameter, EventContext context);

}
