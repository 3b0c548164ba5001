package dev.realtime.socketio.spring.handler.support;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;

import dev.realtime.socketio.spring.annotation.EventName;
import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.SyncEventArgumentResolver;

/**
 * Resolves {@link EventName @EventName} parameters to the name of the event being handled
 * ({@code null} for connect and disconnect handlers).
 *
 * @since 0.1.0
 */
public class EventNameArgumentResolver implements SyncEventArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasParameterAnnotation(EventName.class);
	}

	@Override
	public @Nullable Object resolveArgumentValue(MethodParameter parameter, EventContext context) {
		return context.eventName();
	}

}
