package dev.realtime.socketio.spring.handler.support;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The exception handler methods of one bean, prepared for invocation.
 */
final class BeanExceptionHandlers {

	private final ExceptionHandlerMethodResolver resolver;

	private final Map<Method, InvocableEventMethod> methods = new HashMap<>();

	BeanExceptionHandlers(Object bean, Class<?> beanType, InvocableEventMethodFactory factory) {
		this.resolver = new ExceptionHandlerMethodResolver(beanType);
		for (Method method : this.resolver.getMethods()) {
			this.methods.put(method, factory.create(bean, method));
		}
	}

	boolean isEmpty() {
		return this.methods.isEmpty();
	}

	@Nullable Resolved resolve(Throwable exception) {
		ExceptionHandlerMethodResolver.Match match = this.resolver.resolve(exception);
		return (match != null)
				? new Resolved(Objects.requireNonNull(this.methods.get(match.method())), match.exception()) : null;
	}

	/**
	 * An exception handler method and the exception it handles.
	 */
	record Resolved(InvocableEventMethod method, Throwable exception) {
	}

}
