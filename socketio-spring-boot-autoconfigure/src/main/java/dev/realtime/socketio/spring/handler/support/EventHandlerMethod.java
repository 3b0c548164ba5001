package dev.realtime.socketio.spring.handler.support;

import java.lang.reflect.Method;
import java.util.Objects;
import java.util.StringJoiner;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedMethod;
import org.springframework.util.ClassUtils;

/**
 * A handler method and the bean it belongs to, with its parameters and return type.
 *
 * @since 0.1.0
 */
public class EventHandlerMethod extends AnnotatedMethod {

	private final Object bean;

	private final Class<?> beanType;

	/**
	 * Create a handler method.
	 * @param bean the bean, or its proxy
	 * @param method the method, declared by the bean's class or one of its supertypes
	 */
	public EventHandlerMethod(Object bean, Method method) {
		super(method);
		this.bean = Objects.requireNonNull(bean, "bean");
		this.beanType = ClassUtils.getUserClass(bean);
		DefaultParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();
		for (MethodParameter parameter : getMethodParameters()) {
			parameter.initParameterNameDiscovery(names);
		}
	}

	/**
	 * Copy a handler method.
	 * @param handlerMethod the method to copy
	 */
	protected EventHandlerMethod(EventHandlerMethod handlerMethod) {
		super(handlerMethod);
		this.bean = handlerMethod.bean;
		this.beanType = handlerMethod.beanType;
	}

	/**
	 * Return the bean.
	 * @return the bean, or its proxy
	 */
	public Object getBean() {
		return this.bean;
	}

	/**
	 * Return the user class of the bean.
	 * @return the bean type
	 */
	public Class<?> getBeanType() {
		return this.beanType;
	}

	@Override
	protected Class<?> getContainingClass() {
		return this.beanType;
	}

	/**
	 * Return a short description for log messages, such as
	 * {@code ChatHandler#message(SocketIoSocket, ChatMessage)}.
	 * @return the description
	 */
	public String getShortLogMessage() {
		return describe(ClassUtils.getShortName(this.beanType));
	}

	@Override
	public String toString() {
		return describe(this.beanType.getName());
	}

	private String describe(String typeName) {
		StringJoiner parameters = new StringJoiner(", ", "(", ")");
		for (Class<?> type : getMethod().getParameterTypes()) {
			parameters.add(type.getSimpleName());
		}
		return typeName + "#" + getMethod().getName() + parameters;
	}

}
