package dev.realtime.socketio.spring.handler.support;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.core.KotlinDetector;
import org.springframework.core.MethodParameter;

import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.SyncEventArgumentResolver;

/**
 * Claims the {@code Continuation} parameter the Kotlin compiler adds to a
 * {@code suspend fun}, so that it is neither a payload nor an unsupported parameter; it
 * resolves to {@code null} and Spring's {@code CoroutinesUtils} supplies the real one
 * when it invokes the function. Without Kotlin on the classpath it supports nothing.
 *
 * @since 0.1.0
 */
public class ContinuationArgumentResolver implements SyncEventArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		Method method = parameter.getMethod();
		return method != null && parameter.getParameterIndex() == method.getParameterCount() - 1
				&& KotlinDetector.isSuspendingFunction(method);
	}

	@Override
	public @Nullable Object resolveArgumentValue(MethodParameter parameter, EventContext context) {
		return null;
	}

}
