package dev.realtime.socketio.spring.handler.support;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ResolvableType;
import org.springframework.util.ConcurrentReferenceHashMap;

import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.EventReturnValueHandler;

/**
 * Handles reactive return types known to the {@link ReactiveAdapterRegistry}:
 * {@code Mono}, {@code Flux}, {@code CompletableFuture} and others. The publisher is
 * always subscribed. The value of a single-value type becomes the ack reply (an empty one
 * replies with no arguments); the values of a multi-value type are collected into one
 * list that becomes the reply; {@code Mono<Void>} and other no-value types send nothing.
 * <p>
 * Only event and exception handler methods can reply: on {@code @OnConnect},
 * {@code @OnDisconnect} and {@code @OnAnyEvent} methods only no-value types are
 * supported.
 *
 * @since 0.1.0
 */
public class ReactiveReturnValueHandler implements EventReturnValueHandler {

	private final ReactiveAdapterRegistry adapterRegistry;

	private final Map<MethodParameter, Boolean> noValueTypes = new ConcurrentReferenceHashMap<>();

	/**
	 * Create a handler with the shared adapter registry.
	 */
	public ReactiveReturnValueHandler() {
		this(ReactiveAdapterRegistry.getSharedInstance());
	}

	/**
	 * Create a handler.
	 * @param adapterRegistry the reactive types
	 */
	public ReactiveReturnValueHandler(ReactiveAdapterRegistry adapterRegistry) {
		this.adapterRegistry = Objects.requireNonNull(adapterRegistry, "adapterRegistry");
	}

	@Override
	public boolean supportsReturnType(MethodParameter returnType) {
		ReactiveAdapter adapter = this.adapterRegistry.getAdapter(returnType.getParameterType());
		if (adapter == null) {
			return false;
		}
		boolean noValue = isNoValue(adapter, returnType);
		this.noValueTypes.put(returnType, noValue);
		return noValue || AckReplies.canReply(returnType);
	}

	@Override
	public Mono<Void> handleReturnValue(@Nullable Object returnValue, MethodParameter returnType,
			EventContext context) {
		if (returnValue == null) {
			return Mono.empty();
		}
		ReactiveAdapter adapter = this.adapterRegistry.getAdapter(returnType.getParameterType(), returnValue);
		if (adapter == null) {
			return Mono.error(new IllegalStateException("Not a reactive type: " + returnValue.getClass().getName()));
		}
		Publisher<?> publisher = adapter.toPublisher(returnValue);
		if (this.noValueTypes.computeIfAbsent(returnType, (type) -> isNoValue(adapter, type))) {
			return Flux.from(publisher).then();
		}
		if (adapter.isMultiValue()) {
			return Flux.from(publisher).collectList().doOnNext((list) -> AckReplies.reply(context, list)).then();
		}
		return Mono.from(publisher)
			.doOnNext((value) -> AckReplies.reply(context, value))
			.switchIfEmpty(Mono.fromRunnable(() -> AckReplies.reply(context, null)))
			.then();
	}

	private static boolean isNoValue(ReactiveAdapter adapter, MethodParameter returnType) {
		return adapter.isNoValue()
				|| ResolvableType.forMethodParameter(returnType).getGeneric().resolve() == Void.class;
	}

}
