package dev.realtime.socketio.benchmarks.server;

import tools.jackson.databind.node.ArrayNode;

import org.springframework.core.MethodParameter;

import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.SyncEventArgumentResolver;

/**
 * Resolves {@link EventArguments @EventArguments} parameters to all the arguments of the
 * event.
 *
 * @since 0.1.0
 */
public class EventArgumentsResolver implements SyncEventArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasParameterAnnotation(EventArguments.class)
				&& parameter.getParameterType() == ArrayNode.class;
	}

	@Override
	public Object resolveArgumentValue(MethodParameter parameter, EventContext context) {
		return context.args();
	}

}
