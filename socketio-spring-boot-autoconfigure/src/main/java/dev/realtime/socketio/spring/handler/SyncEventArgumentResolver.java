package dev.realtime.socketio.spring.handler;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;

/**
 * An {@link EventArgumentResolver} that resolves its value without waiting. Handler
 * methods whose arguments all come from synchronous resolvers are invoked without any
 * reactive plumbing.
 *
 * @since 0.1.0
 */
public interface SyncEventArgumentResolver extends EventArgumentResolver {

	/**
	 * Resolve the argument value.
	 * @param parameter the method parameter
	 * @param context the invocation
	 * @return the value, possibly {@code null}
	 */
	@Nullable Object resolveArgumentValue(MethodParameter parameter, EventContext context);

	@Override
	default Mono<Object> resolveArgument(MethodParameter parameter, EventContext context) {
		return Mono.justOrEmpty(resolveArgumentValue(parameter, context));
	}

}
