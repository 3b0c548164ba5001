package dev.realtime.socketio.spring.handler.support;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;

import dev.realtime.socketio.server.AckSender;
import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.SyncEventArgumentResolver;

/**
 * Resolves the {@link AckSender} of the event, or {@code null} when the client asked for
 * no acknowledgement. A method that answers through the {@code AckSender} itself should
 * return {@code void}: only the first reply reaches the client.
 *
 * @since 0.1.0
 */
public class AckSenderArgumentResolver implements SyncEventArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == AckSender.class;
	}

	@Override
	public @Nullable Object resolveArgumentValue(MethodParameter parameter, EventContext context) {
		return context.ackSender();
	}

}
