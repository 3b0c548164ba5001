package dev.realtime.socketio.spring.handler.support;

import java.lang.reflect.Method;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.util.ClassUtils;
import org.springframework.validation.Validator;

import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.ParentNamespace;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.annotation.SocketIoControllerAdvice;
import dev.realtime.socketio.spring.annotation.SocketIoNamespace;
import dev.realtime.socketio.spring.auth.SocketIoPrincipal;
import dev.realtime.socketio.spring.handler.EventArgumentResolver;
import dev.realtime.socketio.spring.handler.EventReturnValueHandler;
import dev.realtime.socketio.spring.handler.support.HandlerMappings.Mapping;
import dev.realtime.socketio.spring.handler.support.HandlerMappings.NamespaceKey;
import dev.realtime.socketio.spring.observation.SocketIoEventObservationConvention;

/**
 * Registers the handler methods of {@link SocketIoNamespace @SocketIoNamespace} beans on
 * a {@link SocketIoServer}, once every singleton exists (before the server accepts
 * connections).
 * <p>
 * Each {@link OnConnect @OnConnect}, {@link OnEvent @OnEvent},
 * {@link OnAnyEvent @OnAnyEvent} and {@link OnDisconnect @OnDisconnect} method becomes an
 * {@link InvocableEventMethod}; a method the model cannot serve (an unsupported parameter
 * or return type, a second handler for an event of the namespace, a reserved event name)
 * fails startup with a message that names it. The mappings are logged at debug level.
 * <p>
 * Default argument resolvers, in order: the {@code Continuation} of a Kotlin
 * {@code suspend fun}, socket types, {@code Principal}, {@code AckSender},
 * {@code @EventName}, the disconnect reason, {@code @Payload}; then the custom resolvers;
 * then unannotated parameters of event methods as payloads. A parameter none of them
 * supports fails startup. Return value handlers: {@code void}, reactive types, the custom
 * handlers, then any value as the ack reply.
 *
 * @since 0.1.0
 */
public class SocketIoAnnotationHandlerRegistrar
		implements SmartInitializingSingleton, ApplicationContextAware, DisposableBean {

	private static final Log logger = LogFactory.getLog(SocketIoAnnotationHandlerRegistrar.class);

	private final SocketIoServer server;

	private JsonMapper jsonMapper;

	private @Nullable Validator validator;

	private List<EventArgumentResolver> customArgumentResolvers = List.of();

	private List<EventReturnValueHandler> customReturnValueHandlers = List.of();

	private Function<SocketIoSocket, @Nullable Principal> principalLookup = SocketIoPrincipal::get;

	private EventHandlerExecution execution = EventHandlerExecution.EVENT_LOOP;

	private boolean includeExceptionMessage;

	private @Nullable ObservationRegistry observationRegistry;

	private @Nullable SocketIoEventObservationConvention observationConvention;

	private @Nullable ApplicationContext applicationContext;

	private @Nullable HandlerExecutor executor;

	/**
	 * Create a registrar.
	 * @param server the server to register the handlers on
	 */
	public SocketIoAnnotationHandlerRegistrar(SocketIoServer server) {
		this.server = Objects.requireNonNull(server, "server");
		this.jsonMapper = server.options().jsonMapper();
	}

	/**
	 * Set the mapper that converts event arguments; the server's by default.
	 * @param jsonMapper the mapper
	 */
	public void setJsonMapper(JsonMapper jsonMapper) {
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
	}

	/**
	 * Set the validator of {@code @Valid} payloads; none by default.
	 * @param validator the validator, or {@code null}
	 */
	public void setValidator(@Nullable Validator validator) {
		this.validator = validator;
	}

	/**
	 * Set resolvers for more parameter types.
	 * @param resolvers the resolvers, in order
	 */
	public void setCustomArgumentResolvers(List<? extends EventArgumentResolver> resolvers) {
		this.customArgumentResolvers = List.copyOf(resolvers);
	}

	/**
	 * Set handlers for more return types.
	 * @param handlers the handlers, in order
	 */
	public void setCustomReturnValueHandlers(List<? extends EventReturnValueHandler> handlers) {
		this.customReturnValueHandlers = List.copyOf(handlers);
	}

	/**
	 * Set how {@code Principal} parameters find the principal of a socket; by default
	 * with {@link SocketIoPrincipal#get}.
	 * @param principalLookup returns the principal of a socket, or {@code null}
	 */
	public void setPrincipalLookup(Function<SocketIoSocket, @Nullable Principal> principalLookup) {
		this.principalLookup = Objects.requireNonNull(principalLookup, "principalLookup");
	}

	/**
	 * Set where handler methods that do not return a reactive type run; on the event loop
	 * by default (such a handler must not block).
	 * @param execution the execution mode
	 */
	public void setExecution(EventHandlerExecution execution) {
		this.execution = Objects.requireNonNull(execution, "execution");
	}

	/**
	 * Set whether the ack reply of an event whose handler failed with an exception that
	 * no {@code @SocketIoExceptionHandler} took carries the exception's message; off by
	 * default, when the reply is {@code {"error":"internal error","message":"event 'x'
	 * could not be handled"}}.
	 * @param includeExceptionMessage whether to send the message to the client
	 */
	public void setIncludeExceptionMessage(boolean includeExceptionMessage) {
		this.includeExceptionMessage = includeExceptionMessage;
	}

	/**
	 * Set the registry that observes each handler method invocation; none by default.
	 * @param observationRegistry the registry, or {@code null} for no observations
	 * @since 0.1.0
	 */
	public void setObservationRegistry(@Nullable ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Set the convention of the handler observations; the
	 * {@link dev.realtime.socketio.spring.observation.DefaultSocketIoEventObservationConvention
	 * default} one otherwise.
	 * @param observationConvention the convention, or {@code null} for the default
	 * @since 0.1.0
	 */
	public void setObservationConvention(@Nullable SocketIoEventObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	/**
	 * Return the default and custom argument resolvers, in the order they are consulted.
	 * @return the resolvers
	 */
	protected List<EventArgumentResolver> initArgumentResolvers() {
		List<EventArgumentResolver> resolvers = new ArrayList<>();
		// The Continuation of a Kotlin suspend fun
		resolvers.add(new ContinuationArgumentResolver());
		// Type and annotation-based
		resolvers.add(new SocketArgumentResolver());
		resolvers.add(new PrincipalArgumentResolver(this.principalLookup));
		resolvers.add(new AckSenderArgumentResolver());
		resolvers.add(new EventNameArgumentResolver());
		resolvers.add(new DisconnectReasonArgumentResolver());
		resolvers.add(new PayloadArgumentResolver(this.jsonMapper, this.validator, false));
		// Custom
		resolvers.addAll(this.customArgumentResolvers);
		// Catch-all: unannotated parameters of event methods are payloads
		resolvers.add(new PayloadArgumentResolver(this.jsonMapper, this.validator, true));
		return resolvers;
	}

	/**
	 * Return the default and custom return value handlers, in the order they are
	 * consulted.
	 * @return the handlers
	 */
	protected List<EventReturnValueHandler> initReturnValueHandlers() {
		List<EventReturnValueHandler> handlers = new ArrayList<>();
		handlers.add(new VoidReturnValueHandler());
		handlers.add(new ReactiveReturnValueHandler());
		handlers.addAll(this.customReturnValueHandlers);
		// Catch-all: any other value is the ack reply
		handlers.add(new AckReturnValueHandler());
		return handlers;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ApplicationContext context = Objects.requireNonNull(this.applicationContext, "applicationContext");
		HandlerExecutor executor = HandlerExecutor.create(this.execution);
		this.executor = executor;
		InvocableEventMethodFactory factory = new InvocableEventMethodFactory(
				new EventArgumentResolverComposite().addResolvers(initArgumentResolvers()),
				new EventReturnValueHandlerComposite().addHandlers(initReturnValueHandlers()), executor.scheduler());
		List<BeanExceptionHandlers> advice = detectAdvice(context, factory);
		Map<NamespaceKey, NamespaceHandlers> namespaces = new LinkedHashMap<>();
		for (String beanName : context.getBeanNamesForAnnotation(SocketIoNamespace.class)) {
			if (ScopedProxyUtils.isScopedTarget(beanName)) {
				continue;
			}
			Object bean = context.getBean(beanName);
			detectHandlerMethods(bean, ClassUtils.getUserClass(bean), namespaces, advice, factory);
		}
		Executor worker = executor.executor();
		namespaces.forEach((key, handlers) -> {
			if (key.pattern()) {
				ParentNamespace namespace = this.server.of(Pattern.compile(key.name()));
				handlers.register(namespace::onSocketEvent, namespace::onConnection, worker);
			}
			else {
				Namespace namespace = this.server.of(key.name());
				handlers.register(namespace::onSocketEvent, namespace::onConnection, worker);
			}
		});
	}

	private List<BeanExceptionHandlers> detectAdvice(ApplicationContext context, InvocableEventMethodFactory factory) {
		List<Object> beans = new ArrayList<>(context.getBeansWithAnnotation(SocketIoControllerAdvice.class).values());
		AnnotationAwareOrderComparator.sort(beans);
		List<BeanExceptionHandlers> advice = new ArrayList<>(beans.size());
		for (Object bean : beans) {
			BeanExceptionHandlers handlers = new BeanExceptionHandlers(bean, ClassUtils.getUserClass(bean), factory);
			if (!handlers.isEmpty()) {
				advice.add(handlers);
			}
		}
		return advice;
	}

	private void detectHandlerMethods(Object bean, Class<?> beanType, Map<NamespaceKey, NamespaceHandlers> namespaces,
			List<BeanExceptionHandlers> advice, InvocableEventMethodFactory factory) {
		NamespaceKey key = HandlerMappings.namespaceKey(beanType);
		NamespaceHandlers handlers = namespaces.computeIfAbsent(key, (k) -> new NamespaceHandlers(k.toString()));
		EventExceptionHandler exceptionHandler = new EventExceptionHandler(
				new BeanExceptionHandlers(bean, beanType, factory), advice, factory.blockingScheduler(),
				this.includeExceptionMessage);
		Map<Method, Mapping> methods = MethodIntrospector.selectMethods(beanType,
				(MethodIntrospector.MetadataLookup<Mapping>) HandlerMappings::mappingFor);
		methods.forEach((method, mapping) -> {
			EventHandlerInvoker invoker = new EventHandlerInvoker(factory.create(bean, method), exceptionHandler,
					key.name(), mapping.kind() != HandlerMappings.Kind.ANY_EVENT, this.observationRegistry,
					this.observationConvention);
			switch (mapping.kind()) {
				case CONNECT -> handlers.addConnectHandler(invoker);
				case DISCONNECT -> handlers.addDisconnectHandler(invoker);
				case ANY_EVENT -> handlers.addAnyEventHandler(invoker);
				case EVENT -> {
					for (String event : HandlerMappings.eventNames(method, mapping)) {
						handlers.addEventHandler(event, invoker);
					}
				}
			}
			if (logger.isDebugEnabled()) {
				logger.debug("Mapped " + mapping.describe() + " of namespace " + key + " to "
						+ invoker.method().getShortLogMessage()
						+ (invoker.isBlocking() ? " (blocking: " + this.execution + ")" : " (event loop)"));
			}
		});
	}

	@Override
	public void destroy() {
		HandlerExecutor executor = this.executor;
		if (executor != null) {
			executor.dispose();
		}
	}

}
