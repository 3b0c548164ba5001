package dev.realtime.socketio.spring.handler.support;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.CoroutinesUtils;
import org.springframework.core.KotlinDetector;
import org.springframework.core.MethodParameter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Kotlin {@code suspend fun} handler methods. They are invoked with Spring's own bridge,
 * {@link CoroutinesUtils#invokeSuspendingFunction}, as WebFlux and Spring Messaging
 * invoke theirs: the coroutine starts on the calling thread (normally the socket's event
 * loop) with the unconfined dispatcher and becomes a {@code Mono} of its value, or a
 * {@code Flux} when it returns a {@code Flow} or a {@code Publisher}. Their return type
 * is therefore handled as that {@code Mono<T>} or {@code Flux<T>}: the value is the ack
 * reply, a {@code Flow} is collected into one list, and {@code Unit} sends nothing.
 * <p>
 * Without Kotlin on the classpath {@link KotlinDetector#isSuspendingFunction} is false
 * for every method and nothing else here runs, so no Kotlin class is ever loaded.
 */
final class SuspendingFunctions {

	private static final String COROUTINES_REACTOR = "kotlinx.coroutines.reactor.MonoKt";

	private static final String FLOW = "kotlinx.coroutines.flow.Flow";

	private static final String UNIT = "kotlin.Unit";

	private SuspendingFunctions() {
	}

	/**
	 * Whether a method is a Kotlin suspending function.
	 */
	static boolean isSuspending(Method method) {
		return KotlinDetector.isSuspendingFunction(method);
	}

	/**
	 * Check that the libraries a suspending function needs are on the classpath, and
	 * return the type its replies are handled as.
	 * @param method the handler method
	 * @param declared the declared return type
	 * @return a {@code Mono<T>} or {@code Flux<T>} return type
	 * @throws InvalidHandlerMethodException when a library is missing or the return type
	 * is a future
	 */
	static MethodParameter replyType(Method method, MethodParameter declared) {
		ClassLoader classLoader = method.getDeclaringClass().getClassLoader();
		if (!KotlinDetector.isKotlinReflectPresent()) {
			throw new InvalidHandlerMethodException(method,
					"The suspend function " + method + " cannot be invoked: kotlin-reflect is not on the classpath",
					"Add the org.jetbrains.kotlin:kotlin-reflect dependency (Spring Boot manages its version).");
		}
		if (!ClassUtils.isPresent(COROUTINES_REACTOR, classLoader)) {
			throw new InvalidHandlerMethodException(method,
					"The suspend function " + method
							+ " cannot be invoked: kotlinx-coroutines-reactor is not on the classpath",
					"Add the org.jetbrains.kotlinx:kotlinx-coroutines-reactor dependency (Spring Boot manages "
							+ "its version).");
		}
		ResolvableType type = ResolvableType.forMethodParameter(declared);
		Class<?> raw = type.resolve(Object.class);
		if (raw == void.class || raw == Void.class || UNIT.equals(raw.getName())) {
			return new ReplyType(declared, Mono.class, ResolvableType.forClassWithGenerics(Mono.class, Void.class));
		}
		if (FLOW.equals(raw.getName())
				|| (Publisher.class.isAssignableFrom(raw) && !Mono.class.isAssignableFrom(raw))) {
			return new ReplyType(declared, Flux.class, ResolvableType.forClassWithGenerics(Flux.class, element(type)));
		}
		if (Mono.class.isAssignableFrom(raw)) {
			return new ReplyType(declared, Mono.class, ResolvableType.forClassWithGenerics(Mono.class, element(type)));
		}
		if (ReactiveAdapterRegistry.getSharedInstance().getAdapter(raw) != null || Future.class.isAssignableFrom(raw)
				|| CompletionStage.class.isAssignableFrom(raw)) {
			throw new InvalidHandlerMethodException(method,
					"Unsupported return type " + type + " of the suspend function " + method,
					"A suspend function returns its value: return the value itself, or a Flow for several.");
		}
		ResolvableType value = raw.isPrimitive() ? ResolvableType.forClass(ClassUtils.resolvePrimitiveIfNecessary(raw))
				: type;
		return new ReplyType(declared, Mono.class, ResolvableType.forClassWithGenerics(Mono.class, value));
	}

	private static ResolvableType element(ResolvableType type) {
		ResolvableType element = type.getGeneric(0);
		return (element.resolve() != null) ? element : ResolvableType.forClass(Object.class);
	}

	/**
	 * Invoke a suspending function.
	 * @param method the function
	 * @param bean the bean
	 * @param args the arguments, the continuation's slot included
	 * @return the publisher of its result
	 */
	static Publisher<?> invoke(Method method, Object bean, @Nullable Object[] args) {
		return CoroutinesUtils.invokeSuspendingFunction(method, bean, args);
	}

	/**
	 * The return type of a suspending function as the publisher it is invoked as; the
	 * method's annotations are the declared return type's.
	 */
	private static final class ReplyType extends MethodParameter {

		private final MethodParameter declared;

		private final Class<?> publisherType;

		private final Type genericType;

		ReplyType(MethodParameter declared, Class<?> publisherType, ResolvableType genericType) {
			super(declared);
			this.declared = declared;
			this.publisherType = publisherType;
			this.genericType = genericType.getType();
		}

		private ReplyType(ReplyType original) {
			super(original);
			this.declared = original.declared;
			this.publisherType = original.publisherType;
			this.genericType = original.genericType;
		}

		@Override
		public Class<?> getParameterType() {
			return this.publisherType;
		}

		@Override
		public Type getGenericParameterType() {
			return this.genericType;
		}

		@Override
		public Annotation[] getMethodAnnotations() {
			return this.declared.getMethodAnnotations();
		}

		@Override
		public <A extends Annotation> @Nullable A getMethodAnnotation(Class<A> annotationType) {
			return this.declared.getMethodAnnotation(annotationType);
		}

		@Override
		public <A extends Annotation> boolean hasMethodAnnotation(Class<A> annotationType) {
			return this.declared.hasMethodAnnotation(annotationType);
		}

		@Override
		public ReplyType clone() {
			return new ReplyType(this);
		}

	}

}
