package dev.realtime.socketio.spring.handler.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;

import dev.realtime.socketio.spring.handler.EventArgumentResolver;
import dev.realtime.socketio.spring.handler.EventContext;

/**
 * Resolves arguments with the first of a list of {@link EventArgumentResolver}s that
 * supports the parameter. {@link InvocableEventMethod} picks the resolver of each
 * parameter once, at startup.
 *
 * @since 0.1.0
 */
public class EventArgumentResolverComposite implements EventArgumentResolver {

	private final List<EventArgumentResolver> resolvers = new ArrayList<>();

	/**
	 * Add resolvers, after the ones added before.
	 * @param resolvers the resolvers
	 * @return this composite
	 */
	public EventArgumentResolverComposite addResolvers(List<? extends EventArgumentResolver> resolvers) {
		this.resolvers.addAll(resolvers);
		return this;
	}

	/**
	 * Return the resolvers, in order.
	 * @return the resolvers
	 */
	public List<EventArgumentResolver> getResolvers() {
		return Collections.unmodifiableList(this.resolvers);
	}

	/**
	 * Return the first resolver that supports the parameter.
	 * @param parameter the parameter
	 * @return the resolver, or {@code null}
	 */
	public @Nullable EventArgumentResolver getArgumentResolver(MethodParameter parameter) {
		for (EventArgumentResolver resolver : this.resolvers) {
			if (resolver.supportsParameter(parameter)) {
				return resolver;
			}
		}
		return null;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return getArgumentResolver(parameter) != null;
	}

	@Override
	public Mono<Object> resolveArgument(MethodParameter parameter, EventContext context) {
		EventArgumentResolver resolver = getArgumentResolver(parameter);
		if (resolver == null) {
			return Mono.error(new IllegalArgumentException("Unsupported parameter " + parameter));
		}
		return resolver.resolveArgument(parameter, context);
	}

}
