package dev.realtime.socketio.spring.handler.support;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodParameter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ResolvableType;
import org.springframework.util.ReflectionUtils;

import dev.realtime.socketio.server.AckSender;
import dev.realtime.socketio.spring.annotation.SocketIoExceptionHandler;
import dev.realtime.socketio.spring.handler.EventArgumentResolver;
import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.EventReturnValueHandler;
import dev.realtime.socketio.spring.handler.SyncEventArgumentResolver;

/**
 * A handler method ready to be invoked: the argument resolver of each parameter and the
 * return value handler are chosen, and a method handle is prepared, once at startup. A
 * parameter no resolver supports, or a return type no handler supports, fails the
 * construction with a message that names the method.
 * <p>
 * A method whose return type is not reactive is <em>blocking</em>: it may block, and its
 * caller runs it off the event loop. A Kotlin {@code suspend fun} is not: Spring's
 * {@code CoroutinesUtils} invokes it as a {@code Mono} of its value (a {@code Flux} for a
 * {@code Flow}), whose value is the ack reply.
 *
 * @since 0.1.0
 */
public class InvocableEventMethod extends EventHandlerMethod {

	private static final Object NO_VALUE = new Object();

	private static final String SUPPORTED_PARAMETERS = "Use a supported parameter: the socket types (SocketIoSocket, "
			+ "Namespace, Handshake, Principal, EventContext), AckSender, @EventName String, the String reason of an "
			+ "@OnDisconnect method, payloads of @OnEvent, @OnAnyEvent and @SocketIoExceptionHandler methods, or a "
			+ "type an EventArgumentResolver bean supports.";

	private final MethodParameter[] parameters;

	private final @Nullable EventArgumentResolver[] resolvers;

	private final boolean syncArguments;

	private final MethodParameter returnType;

	private final boolean answersAcks;

	private final EventReturnValueHandler returnValueHandler;

	private final MethodHandle invoker;

	private final boolean suspending;

	private final boolean blocking;

	private final @Nullable Scheduler blockingScheduler;

	/**
	 * Prepare a handler method.
	 * @param handlerMethod the method
	 * @param argumentResolvers the argument resolvers
	 * @param returnValueHandlers the return value handlers
	 * @param blockingScheduler where a blocking method goes on once its arguments are
	 * resolved, when a resolver completes asynchronously; {@code null} to stay on the
	 * resolver's thread
	 * @throws IllegalStateException if a parameter or the return type is not supported
	 */
	public InvocableEventMethod(EventHandlerMethod handlerMethod, EventArgumentResolverComposite argumentResolvers,
			EventReturnValueHandlerComposite returnValueHandlers, @Nullable Scheduler blockingScheduler) {
		super(handlerMethod);
		MethodParameter[] declared = getMethodParameters();
		this.parameters = new MethodParameter[declared.length];
		this.resolvers = new EventArgumentResolver[declared.length];
		boolean sync = true;
		int payloadPosition = 0;
		for (int i = 0; i < declared.length; i++) {
			MethodParameter parameter = declared[i];
			if (isProvidedException(parameter)) {
				this.parameters[i] = parameter;
				continue;
			}
			EventArgumentResolver resolver = argumentResolvers.getArgumentResolver(parameter);
			if (resolver == null) {
				throw new InvalidHandlerMethodException(getMethod(), unsupportedParameter(parameter),
						SUPPORTED_PARAMETERS);
			}
			if (resolver instanceof PayloadArgumentResolver payload) {
				PayloadParameterCheck.Problem problem = PayloadParameterCheck.check(parameter);
				if (problem != null) {
					throw new InvalidHandlerMethodException(getMethod(),
							"The " + describe(parameter) + " of " + this + " " + problem.description(),
							problem.action());
				}
				parameter = payload.prepare(parameter, payloadPosition++);
			}
			this.parameters[i] = parameter;
			this.resolvers[i] = resolver;
			sync &= resolver instanceof SyncEventArgumentResolver;
		}
		this.syncArguments = sync;
		this.suspending = SuspendingFunctions.isSuspending(getBridgedMethod());
		this.returnType = this.suspending ? SuspendingFunctions.replyType(getMethod(), getReturnType())
				: getReturnType();
		EventReturnValueHandler handler = returnValueHandlers.getReturnValueHandler(this.returnType);
		if (handler == null) {
			throw new InvalidHandlerMethodException(getMethod(), unsupportedReturnType(),
					AckReplies.canReply(getReturnType())
							? "Return a value, a Mono or a Flux for the ack reply, or void."
							: "Return void or Mono<Void>.");
		}
		this.returnValueHandler = handler;
		this.invoker = createInvoker(getBean(), getBridgedMethod());
		this.blocking = ReactiveAdapterRegistry.getSharedInstance()
			.getAdapter(this.returnType.getParameterType()) == null;
		this.blockingScheduler = blockingScheduler;
		this.answersAcks = canAnswerAcks();
	}

	private boolean canAnswerAcks() {
		for (MethodParameter parameter : this.parameters) {
			Class<?> type = parameter.getParameterType();
			if (AckSender.class.isAssignableFrom(type) || EventContext.class.isAssignableFrom(type)) {
				return true;
			}
		}
		ResolvableType type = ResolvableType.forMethodParameter(this.returnType);
		Class<?> raw = type.resolve(Object.class);
		if (raw == void.class || raw == Void.class) {
			return false;
		}
		if (ReactiveAdapterRegistry.getSharedInstance().getAdapter(raw) != null) {
			Class<?> element = type.getGeneric(0).resolve(Object.class);
			return element != Void.class;
		}
		return true;
	}

	private boolean isProvidedException(MethodParameter parameter) {
		return Throwable.class.isAssignableFrom(parameter.getParameterType())
				&& hasMethodAnnotation(SocketIoExceptionHandler.class);
	}

	private String unsupportedParameter(MethodParameter parameter) {
		return "Unsupported " + describe(parameter) + " in " + this + ": no argument resolver supports it";
	}

	private static String describe(MethodParameter parameter) {
		return "parameter '" + parameter.getParameterName() + "' of type "
				+ parameter.getGenericParameterType().getTypeName() + " (index " + parameter.getParameterIndex() + ")";
	}

	private String unsupportedReturnType() {
		String type = getReturnType().getGenericParameterType().getTypeName();
		if (!AckReplies.canReply(getReturnType())) {
			return "Unsupported return type " + type + " of " + this
					+ ": only @OnEvent, @OnAnyEvent and @SocketIoExceptionHandler methods can reply to an ack; "
					+ "return void or Mono<Void>";
		}
		return "Unsupported return type " + type + " of " + this
				+ ": return a value, a Mono or a Flux for the ack reply, or void";
	}

	private static MethodHandle createInvoker(Object bean, Method method) {
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		ReflectionUtils.makeAccessible(invocable);
		try {
			MethodHandle handle = MethodHandles.lookup().unreflect(invocable);
			if (!Modifier.isStatic(invocable.getModifiers())) {
				handle = handle.bindTo(bean);
			}
			return handle.asSpreader(Object[].class, invocable.getParameterCount())
				.asType(MethodType.methodType(Object.class, Object[].class));
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot access " + method, ex);
		}
	}

	/**
	 * Return whether the method can answer an acknowledgement: it returns a value (not
	 * {@code void}, not a {@code Mono<Void>}) or takes an {@code AckSender} or the
	 * {@code EventContext}. A catch-all handler that cannot is not given the ack, so that
	 * its failures do not answer for the event's own handler.
	 * @return {@code true} when the method may answer
	 */
	public boolean answersAcks() {
		return this.answersAcks;
	}

	/**
	 * Whether the method may block: it does not return a reactive type.
	 * @return {@code true} for a blocking method
	 */
	public boolean isBlocking() {
		return this.blocking;
	}

	/**
	 * Resolve the arguments, invoke the method and handle its return value. With
	 * synchronous argument resolvers the method is invoked before this method returns, on
	 * the calling thread.
	 * @param context the invocation
	 * @param providedArgs values for {@code Throwable} parameters of exception handlers
	 * @return completion of the handling; errors of the resolvers, the method and the
	 * return value handler
	 */
	public Mono<Void> invoke(EventContext context, Object... providedArgs) {
		if (this.syncArguments) {
			Object[] args;
			try {
				args = resolveArguments(context, providedArgs);
			}
			catch (Throwable ex) {
				Exceptions.throwIfJvmFatal(ex);
				return Mono.error(ex);
			}
			return invokeWith(args, context);
		}
		Mono<Object[]> args = resolveArgumentsAsync(context, providedArgs);
		if (this.blocking && this.blockingScheduler != null) {
			args = args.publishOn(this.blockingScheduler);
		}
		return args.flatMap((values) -> invokeWith(values, context));
	}

	private @Nullable Object[] resolveArguments(EventContext context, Object[] providedArgs) {
		@Nullable Object[] args = new Object[this.parameters.length];
		for (int i = 0; i < args.length; i++) {
			EventArgumentResolver resolver = this.resolvers[i];
			args[i] = (resolver != null)
					? ((SyncEventArgumentResolver) resolver).resolveArgumentValue(this.parameters[i], context)
					: findProvidedArgument(this.parameters[i], providedArgs);
		}
		return args;
	}

	private Mono<Object[]> resolveArgumentsAsync(EventContext context, Object[] providedArgs) {
		List<Mono<Object>> values = new ArrayList<>(this.parameters.length);
		for (int i = 0; i < this.parameters.length; i++) {
			EventArgumentResolver resolver = this.resolvers[i];
			MethodParameter parameter = this.parameters[i];
			Mono<Object> value = (resolver != null) ? Mono.defer(() -> resolver.resolveArgument(parameter, context))
					: Mono.justOrEmpty(findProvidedArgument(parameter, providedArgs));
			values.add(value.defaultIfEmpty(NO_VALUE));
		}
		return Mono.zip(values, (resolved) -> {
			Object[] args = new Object[resolved.length];
			for (int i = 0; i < resolved.length; i++) {
				args[i] = (resolved[i] != NO_VALUE) ? resolved[i] : null;
			}
			return args;
		});
	}

	private Mono<Void> invokeWith(@Nullable Object[] args, EventContext context) {
		try {
			Object value = this.suspending ? SuspendingFunctions.invoke(getBridgedMethod(), getBean(), args)
					: (Object) this.invoker.invokeExact(args);
			return this.returnValueHandler.handleReturnValue(value, this.returnType, context);
		}
		catch (Throwable ex) {
			Exceptions.throwIfJvmFatal(ex);
			return Mono.error(ex);
		}
	}

}
