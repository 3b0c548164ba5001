package dev.realtime.socketio.spring.handler.support;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;

import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.EventReturnValueHandler;

/**
 * Handles {@code void} and {@code Void} methods: nothing is sent.
 *
 * @since 0.1.0
 */
public class VoidReturnValueHandler implements EventReturnValueHandler {

	@Override
	public boolean supportsReturnType(MethodParameter returnType) {
		Class<?> type = returnType.getParameterType();
		return type == void.class || type == Void.class;
	}

	@Override
	public Mono<Void> handleReturnValue(@Nullable Object returnValue, MethodParameter returnType,
			EventContext context) {
		return Mono.empty();
	}

}
