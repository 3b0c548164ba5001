package dev.realtime.socketio.spring.handler.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;

import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.EventReturnValueHandler;

/**
 * Handles return values with the first of a list of {@link EventReturnValueHandler}s that
 * supports the return type. {@link InvocableEventMethod} picks the handler of each method
 * once, at startup.
 *
 * @since 0.1.0
 */
public class EventReturnValueHandlerComposite implements EventReturnValueHandler {

	private final List<EventReturnValueHandler> handlers = new ArrayList<>();

	/**
	 * Add handlers, after the ones added before.
	 * @param handlers the handlers
	 * @return this composite
	 */
	public EventReturnValueHandlerComposite addHandlers(List<? extends EventReturnValueHandler> handlers) {
		this.handlers.addAll(handlers);
		return this;
	}

	/**
	 * Return the handlers, in order.
	 * @return the handlers
	 */
	public List<EventReturnValueHandler> getHandlers() {
		return Collections.unmodifiableList(this.handlers);
	}

	/**
	 * Return the first handler that supports the return type.
	 * @param returnType the return type
	 * @return the handler, or {@code null}
	 */
	public @Nullable EventReturnValueHandler getReturnValueHandler(MethodParameter returnType) {
		for (EventReturnValueHandler handler : this.handlers) {
			if (handler.supportsReturnType(returnType)) {
				return handler;
			}
		}
		return null;
	}

	@Override
	public boolean supportsReturnType(MethodParameter returnType) {
		return getReturnValueHandler(returnType) != null;
	}

	@Override
	public Mono<Void> handleReturnValue(@Nullable Object returnValue, MethodParameter returnType,
			EventContext context) {
		EventReturnValueHandler handler = getReturnValueHandler(returnType);
		if (handler == null) {
			return Mono.error(new IllegalStateException("Unsupported return type " + returnType));
		}
		return handler.handleReturnValue(returnValue, returnType, context);
	}

}
