package dev.realtime.socketio.spring.handler.support;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;

import dev.realtime.socketio.server.DisconnectReason;
import dev.realtime.socketio.spring.annotation.OnDisconnect;
import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.SyncEventArgumentResolver;

/**
 * Resolves the {@link DisconnectReason} parameter of an
 * {@link OnDisconnect @OnDisconnect} method to the disconnect reason, or a {@code String}
 * parameter to its Node.js name, such as {@code transport close} or
 * {@code client namespace disconnect}.
 *
 * @since 0.1.0
 */
public class DisconnectReasonArgumentResolver implements SyncEventArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		return (type == DisconnectReason.class || type == String.class)
				&& parameter.hasMethodAnnotation(OnDisconnect.class);
	}

	@Override
	public @Nullable Object resolveArgumentValue(MethodParameter parameter, EventContext context) {
		DisconnectReason reason = context.disconnectReason();
		if (reason == null || parameter.getParameterType() == DisconnectReason.class) {
			return reason;
		}
		return reason.wireName();
	}

}
