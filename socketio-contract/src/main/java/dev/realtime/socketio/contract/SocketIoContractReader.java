package dev.realtime.socketio.contract;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.GenericTypeResolver;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import dev.realtime.socketio.server.AckSender;
import dev.realtime.socketio.spring.annotation.EmitsEvent;
import dev.realtime.socketio.spring.annotation.OnEvent;
import dev.realtime.socketio.spring.annotation.Payload;
import dev.realtime.socketio.spring.annotation.SocketIoNamespace;
import dev.realtime.socketio.spring.handler.EventArgumentResolver;
import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.support.AckSenderArgumentResolver;
import dev.realtime.socketio.spring.handler.support.ContinuationArgumentResolver;
import dev.realtime.socketio.spring.handler.support.DisconnectReasonArgumentResolver;
import dev.realtime.socketio.spring.handler.support.EventArgumentResolverComposite;
import dev.realtime.socketio.spring.handler.support.EventNameArgumentResolver;
import dev.realtime.socketio.spring.handler.support.PayloadArgumentResolver;
import dev.realtime.socketio.spring.handler.support.PrincipalArgumentResolver;
import dev.realtime.socketio.spring.handler.support.SocketArgumentResolver;

/**
 * Reads the {@link SocketIoContract} of {@link SocketIoNamespace @SocketIoNamespace}
 * classes: every {@link OnEvent @OnEvent} method is an event clients send, whose
 * arguments are the method's payload parameters and whose ack reply is its return value;
 * every {@link EmitsEvent @EmitsEvent} is an event the server sends.
 * <p>
 * A parameter is a payload when the argument resolvers the annotation handler registrar
 * uses, in its order, pick the payload resolver for it: socket types, {@code Principal},
 * {@code AckSender}, {@code @EventName} and the custom resolvers come first, so a
 * parameter one of them claims is not part of the contract.
 *
 * @since 0.1.0
 */
public class SocketIoContractReader {

	private final EventArgumentResolverComposite resolvers;

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	/**
	 * Create a reader for applications with the default argument resolvers only.
	 */
	public SocketIoContractReader() {
		this(List.of());
	}

	/**
	 * Create a reader.
	 * @param customResolvers the application's {@link EventArgumentResolver} beans, in
	 * order: parameters they support are not payloads
	 */
	public SocketIoContractReader(List<? extends EventArgumentResolver> customResolvers) {
		JsonMapper mapper = JsonMapper.shared();
		List<EventArgumentResolver> all = new ArrayList<>();
		// The registrar's order
		// (SocketIoAnnotationHandlerRegistrar#initArgumentResolvers)
		all.add(new ContinuationArgumentResolver());
		all.add(new SocketArgumentResolver());
		all.add(new PrincipalArgumentResolver());
		all.add(new AckSenderArgumentResolver());
		all.add(new EventNameArgumentResolver());
		all.add(new DisconnectReasonArgumentResolver());
		all.add(new PayloadArgumentResolver(mapper, null, false));
		all.addAll(customResolvers);
		all.add(new PayloadArgumentResolver(mapper, null, true));
		this.resolvers = new EventArgumentResolverComposite().addResolvers(all);
	}

	/**
	 * Return the argument resolvers, in the order they are consulted.
	 */
	List<EventArgumentResolver> argumentResolvers() {
		return this.resolvers.getResolvers();
	}

	/**
	 * Find the {@code @SocketIoNamespace} classes in packages and their sub-packages.
	 * @param classLoader the class loader to load them with
	 * @param basePackages the packages
	 * @return the classes, sorted by name
	 */
	public static List<Class<?>> scan(ClassLoader classLoader, String... basePackages) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(SocketIoNamespace.class));
		scanner.setResourceLoader(new DefaultResourceLoader(classLoader));
		Set<String> names = new TreeSet<>();
		for (String basePackage : basePackages) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				names.add(Objects.requireNonNull(candidate.getBeanClassName()));
			}
		}
		List<Class<?>> types = new ArrayList<>(names.size());
		for (String name : names) {
			types.add(ClassUtils.resolveClassName(name, classLoader));
		}
		return types;
	}

	/**
	 * Read the contract of handler classes.
	 * @param handlerTypes the user classes of {@code @SocketIoNamespace} beans
	 * @return the contract, namespaces and events sorted by name
	 */
	public SocketIoContract read(Collection<Class<?>> handlerTypes) {
		Map<String, Builder> namespaces = new LinkedHashMap<>();
		for (Class<?> type : handlerTypes) {
			SocketIoNamespace annotation = AnnotatedElementUtils.findMergedAnnotation(type, SocketIoNamespace.class);
			if (annotation == null) {
				throw new IllegalArgumentException(type.getName() + " is not annotated with @SocketIoNamespace");
			}
			boolean pattern = !annotation.pattern().isEmpty();
			String name = pattern ? annotation.pattern() : namespaceName(annotation.path());
			Builder builder = namespaces.computeIfAbsent((pattern ? "pattern:" : "") + name,
					(key) -> new Builder(name, pattern));
			readEvents(type, builder);
			for (EmitsEvent emits : AnnotatedElementUtils.findMergedRepeatableAnnotations(type, EmitsEvent.class)) {
				builder.serverEvents.putIfAbsent(emits.name(), serverEvent(emits));
			}
		}
		List<NamespaceContract> contracts = new ArrayList<>();
		namespaces.values().forEach((builder) -> contracts.add(builder.build()));
		contracts.sort(Comparator.comparing(NamespaceContract::name));
		return new SocketIoContract(contracts);
	}

	private static String namespaceName(String path) {
		if (path.isEmpty()) {
			return "/";
		}
		return path.startsWith("/") ? path : "/" + path;
	}

	private void readEvents(Class<?> type, Builder builder) {
		Map<Method, OnEvent> methods = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<OnEvent>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, OnEvent.class));
		methods.entrySet()
			.stream()
			.sorted(Comparator.comparing((entry) -> entry.getKey().toGenericString()))
			.forEach((entry) -> {
				List<ArgumentContract> arguments = new ArrayList<>();
				boolean answersWithSender = false;
				Method method = entry.getKey();
				int position = 0;
				List<IndexedArgument> indexed = new ArrayList<>();
				for (int i = 0; i < method.getParameterCount(); i++) {
					MethodParameter parameter = new MethodParameter(method, i).withContainingClass(type);
					parameter.initParameterNameDiscovery(this.parameterNames);
					Class<?> parameterType = parameter.getParameterType();
					if (AckSender.class.isAssignableFrom(parameterType)
							|| EventContext.class.isAssignableFrom(parameterType)) {
						answersWithSender = true;
					}
					EventArgumentResolver resolver = this.resolvers.getArgumentResolver(parameter);
					if (resolver instanceof PayloadArgumentResolver) {
						indexed.add(argument(parameter, position++, type));
					}
				}
				indexed.sort(Comparator.comparingInt(IndexedArgument::index));
				indexed.forEach((argument) -> arguments.add(argument.argument()));
				AckContract ack = ack(method, type, answersWithSender);
				for (String event : entry.getValue().value()) {
					builder.clientEvents.putIfAbsent(event, new EventContract(event, arguments, ack, ""));
				}
			});
	}

	private static IndexedArgument argument(MethodParameter parameter, int position, Class<?> containingClass) {
		Payload annotation = parameter.getParameterAnnotation(Payload.class);
		int index = (annotation != null && annotation.value() >= 0) ? annotation.value() : position;
		boolean required = !parameter.isOptional() && (annotation == null || annotation.required());
		Type type = GenericTypeResolver.resolveType(parameter.nestedIfOptional().getNestedGenericParameterType(),
				containingClass);
		String name = parameter.getParameterName();
		return new IndexedArgument(index, new ArgumentContract((name != null) ? name : "arg" + index, type, required));
	}

	private static @Nullable AckContract ack(Method method, Class<?> containingClass, boolean answersWithSender) {
		ResolvableType returnType = ResolvableType.forMethodReturnType(method, containingClass);
		Class<?> raw = returnType.resolve(Object.class);
		Type reply;
		// A Kotlin suspend fun's return type is its Kotlin one: Unit when it returns
		// nothing.
		if (raw == void.class || raw == Void.class || raw.getName().equals("kotlin.Unit")) {
			reply = null;
		}
		else {
			ReactiveAdapter adapter = ReactiveAdapterRegistry.getSharedInstance().getAdapter(raw);
			if (adapter != null) {
				ResolvableType element = returnType.getGeneric(0);
				if (adapter.isNoValue() || element.resolve() == Void.class) {
					reply = null;
				}
				else if (adapter.isMultiValue()) {
					reply = ResolvableType.forClassWithGenerics(List.class, element).getType();
				}
				else {
					reply = element.getType();
				}
			}
			else if (raw == Optional.class) {
				reply = returnType.getGeneric(0).getType();
			}
			else {
				reply = returnType.getType();
			}
		}
		if (reply != null) {
			return new AckContract(reply);
		}
		return answersWithSender ? new AckContract(Object.class) : null;
	}

	private static EventContract serverEvent(EmitsEvent emits) {
		List<ArgumentContract> arguments = new ArrayList<>();
		Set<String> names = new LinkedHashSet<>();
		Class<?>[] payload = emits.payload();
		for (int i = 0; i < payload.length; i++) {
			String name = StringUtils.uncapitalize(payload[i].getSimpleName().replace("[]", "s"));
			if (!names.add(name)) {
				name = name + i;
				names.add(name);
			}
			arguments.add(new ArgumentContract(name, payload[i], true));
		}
		return new EventContract(emits.name(), arguments, null, emits.description());
	}

	private record IndexedArgument(int index, ArgumentContract argument) {
	}

	private static final class Builder {

		private final String name;

		private final boolean pattern;

		private final Map<String, EventContract> clientEvents = new TreeMap<>();

		private final Map<String, EventContract> serverEvents = new TreeMap<>();

		Builder(String name, boolean pattern) {
			this.name = name;
			this.pattern = pattern;
		}

		NamespaceContract build() {
			return new NamespaceContract(this.name, this.pattern, new ArrayList<>(this.clientEvents.values()),
					new ArrayList<>(this.serverEvents.values()));
		}

	}

}
