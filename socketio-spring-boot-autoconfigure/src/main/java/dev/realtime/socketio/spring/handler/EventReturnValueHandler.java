package dev.realtime.socketio.spring.handler;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;

/**
 * Handles the value a handler method returned. Declare an implementation as a bean to
 * support more return types; user handlers are consulted after the built-in ones for
 * {@code void} and reactive types, and before the default that sends the value as the
 * acknowledgement reply.
 * <p>
 * {@link #supportsReturnType} is called once per method at startup; a method whose return
 * type no handler supports fails startup.
 *
 * @since 0.1.0
 */
public interface EventReturnValueHandler {

	/**
	 * Whether this handler supports the return type.
	 * @param returnType the method's return type
	 * @return {@code true} if {@link #handleReturnValue} can handle it
	 */
	boolean supportsReturnType(MethodParameter returnType);

	/**
	 * Handle the return value.
	 * @param returnValue the value, possibly {@code null}
	 * @param returnType the method's return type
	 * @param context the invocation
	 * @return completion of the handling
	 */
	Mono<Void> handleReturnValue(@Nullable Object returnValue, MethodParameter returnType, EventContext context);

}
