package dev.realtime.socketio.spring.handler.support;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.beans.BeanUtils;
import org.springframework.core.MethodParameter;

import dev.realtime.socketio.server.AckSender;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.handler.EventContext;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Shared helpers for argument resolver tests: parameters of the methods of a handler
 * class as the registrar sees them, and contexts around a mock socket.
 */
abstract class ArgumentResolverTestSupport {

	protected final JsonMapper jsonMapper = JsonMapper.shared();

	protected final SocketIoSocket socket = mock(SocketIoSocket.class);

	protected final Namespace namespace = mock(Namespace.class);

	protected final Map<String, Object> socketData = new ConcurrentHashMap<>();

	protected final Map<String, Object> socketAttributes = new ConcurrentHashMap<>();

	ArgumentResolverTestSupport() {
		given(this.socket.data()).willReturn(this.socketData);
		given(this.socket.attributes()).willReturn(this.socketAttributes);
		given(this.socket.namespace()).willReturn(this.namespace);
		given(this.namespace.name()).willReturn("/test");
	}

	/**
	 * Return a parameter of the only method of {@code handlerType} with the given name.
	 */
	protected MethodParameter parameter(Class<?> handlerType, String methodName, int index) {
		Method method = Arrays.stream(handlerType.getDeclaredMethods())
			.filter((candidate) -> candidate.getName().equals(methodName))
			.findFirst()
			.orElseThrow();
		Object bean = BeanUtils.instantiateClass(handlerType);
		return new EventHandlerMethod(bean, method).getMethodParameters()[index];
	}

	protected EventContext event(String name, Object... args) {
		return event(name, null, args);
	}

	protected EventContext event(String name, @Nullable AckSender ack, Object... args) {
		ArrayNode array = this.jsonMapper.createArrayNode();
		for (Object arg : args) {
			array.add(this.jsonMapper.valueToTree(arg));
		}
		return EventContext.event(this.socket, name, array, ack);
	}

	protected EventContext eventWithNodes(String name, ArrayNode args) {
		return EventContext.event(this.socket, name, args, null);
	}

}
