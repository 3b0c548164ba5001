package dev.realtime.socketio.spring.handler.support;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;

import dev.realtime.socketio.spring.annotation.OnDisconnect;
import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.SyncEventArgumentResolver;

/**
 * Resolves the {@code String} parameter of an {@link OnDisconnect @OnDisconnect} method to
 * the disconnect reason, such as {@code transport close} or
 * {@code client namespace disconnect}.
 *
 * @since 0.1.0
 */
public class DisconnectReasonArgumentResolver implements SyncEventArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == String.class && parameter.hasMethodAnnotation(OnDisconnect.class);
	}

	@Override
	public @Nullable Object resolveArgumentValue(MethodParameter parameter, EventContext context) {
		return context.disconnectReason();
	}

}
