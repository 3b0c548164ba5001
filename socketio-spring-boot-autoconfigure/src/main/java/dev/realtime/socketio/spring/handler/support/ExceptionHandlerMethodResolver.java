package dev.realtime.socketio.spring.handler.support;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ExceptionDepthComparator;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ConcurrentReferenceHashMap;

import dev.realtime.socketio.spring.annotation.SocketIoExceptionHandler;

/**
 * Finds the {@link SocketIoExceptionHandler @SocketIoExceptionHandler} methods of a class
 * and picks the closest one for an exception (or, failing that, for one of its causes).
 * Lookups are cached per exception type.
 */
final class ExceptionHandlerMethodResolver {

	private final Map<Class<? extends Throwable>, Method> mappedMethods = new HashMap<>();

	private final Map<Class<? extends Throwable>, Optional<Method>> cache = new ConcurrentReferenceHashMap<>(16);

	ExceptionHandlerMethodResolver(Class<?> handlerType) {
		Map<Method, SocketIoExceptionHandler> methods = MethodIntrospector.selectMethods(handlerType,
				(MethodIntrospector.MetadataLookup<SocketIoExceptionHandler>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, SocketIoExceptionHandler.class));
		methods.forEach((method, annotation) -> {
			for (Class<? extends Throwable> type : exceptionTypes(method, annotation)) {
				Method previous = this.mappedMethods.put(type, method);
				if (previous != null && !previous.equals(method)) {
					throw new InvalidHandlerMethodException(method,
							"Ambiguous @SocketIoExceptionHandler methods " + "mapped for " + type.getName() + ": "
									+ previous + " and " + method,
							"Map " + type.getSimpleName() + " to one exception handler method of the bean.");
				}
			}
		});
	}

	@SuppressWarnings("unchecked")
	private static List<Class<? extends Throwable>> exceptionTypes(Method method, SocketIoExceptionHandler annotation) {
		List<Class<? extends Throwable>> types = new ArrayList<>(List.of(annotation.value()));
		if (types.isEmpty()) {
			for (Class<?> parameterType : method.getParameterTypes()) {
				if (Throwable.class.isAssignableFrom(parameterType)) {
					types.add((Class<? extends Throwable>) parameterType);
				}
			}
		}
		if (types.isEmpty()) {
			throw new InvalidHandlerMethodException(method, "No exception types mapped to " + method,
					"List them in @SocketIoExceptionHandler or declare a Throwable parameter.");
		}
		return types;
	}

	Set<Method> getMethods() {
		return Set.copyOf(this.mappedMethods.values());
	}

	boolean hasMethods() {
		return !this.mappedMethods.isEmpty();
	}

	/**
	 * Find the method for the exception or, if none, for its causes.
	 */
	@Nullable Match resolve(Throwable exception) {
		Throwable current = exception;
		while (current != null) {
			Method method = resolveByType(current.getClass());
			if (method != null) {
				return new Match(method, current);
			}
			current = (current.getCause() != current) ? current.getCause() : null;
		}
		return null;
	}

	private @Nullable Method resolveByType(Class<? extends Throwable> type) {
		return this.cache.computeIfAbsent(type, (key) -> {
			List<Class<? extends Throwable>> matches = new ArrayList<>();
			for (Class<? extends Throwable> mapped : this.mappedMethods.keySet()) {
				if (mapped.isAssignableFrom(key)) {
					matches.add(mapped);
				}
			}
			if (matches.isEmpty()) {
				return Optional.empty();
			}
			matches.sort(new ExceptionDepthComparator(key));
			return Optional.of(Objects.requireNonNull(this.mappedMethods.get(matches.get(0))));
		}).orElse(null);
	}

	/**
	 * A method and the exception (the thrown one or a cause) it was found for.
	 */
	record Match(Method method, Throwable exception) {
	}

}
