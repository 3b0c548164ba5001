package dev.realtime.socketio.spring.handler.support;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.realtime.socketio.server.SocketIoServerListener;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.observation.DefaultSocketIoEventObservationConvention;
import dev.realtime.socketio.spring.observation.SocketIoEventObservationContext;
import dev.realtime.socketio.spring.observation.SocketIoEventObservationConvention;

/**
 * A handler method with its exception handling: what a socket listener calls. A failure
 * of the method is reported to the server's listeners (for metrics) before it goes to the
 * exception handlers: as a rejected event when the payload was invalid or an exception
 * handler takes the exception, as a failed handler otherwise; with an
 * {@link ObservationRegistry}, each invocation is observed.
 */
final class EventHandlerInvoker {

	private static final SocketIoEventObservationConvention DEFAULT_CONVENTION = new DefaultSocketIoEventObservationConvention();

	/**
	 * Key of the current observation in the Reactor context, as Micrometer's
	 * {@code ObservationThreadLocalAccessor.KEY} (context-propagation is optional).
	 */
	private static final String OBSERVATION_KEY = "micrometer.observation";

	private final InvocableEventMethod method;

	private final EventExceptionHandler exceptionHandler;

	private final String namespace;

	private final boolean mappedEvent;

	private final @Nullable ObservationRegistry observationRegistry;

	private final @Nullable SocketIoEventObservationConvention observationConvention;

	EventHandlerInvoker(InvocableEventMethod method, EventExceptionHandler exceptionHandler) {
		this(method, exceptionHandler, "/", true, null, null);
	}

	EventHandlerInvoker(InvocableEventMethod method, EventExceptionHandler exceptionHandler, String namespace,
			boolean mappedEvent, @Nullable ObservationRegistry observationRegistry,
			@Nullable SocketIoEventObservationConvention observationConvention) {
		this.method = method;
		this.exceptionHandler = exceptionHandler;
		this.namespace = namespace;
		this.mappedEvent = mappedEvent;
		this.observationRegistry = (observationRegistry != null && !observationRegistry.isNoop()) ? observationRegistry
				: null;
		this.observationConvention = observationConvention;
	}

	InvocableEventMethod method() {
		return this.method;
	}

	boolean isBlocking() {
		return this.method.isBlocking();
	}

	Mono<Void> invoke(EventContext context) {
		ObservationRegistry registry = this.observationRegistry;
		if (registry == null) {
			Mono<Void> invocation = this.method.invoke(context);
			// A handler that completed on the spot (a void method, an ack sent) returns
			// the empty Mono: nothing can fail any more
			return isCompleted(invocation) ? invocation : invocation.onErrorResume((ex) -> handleError(ex, context));
		}
		Observation observation = Observation
			.createNotStarted(this.observationConvention, DEFAULT_CONVENTION,
					() -> new SocketIoEventObservationContext(context, this.namespace, this.mappedEvent), registry)
			.start();
		Mono<Void> invocation;
		try (Observation.Scope scope = observation.openScope()) {
			invocation = this.method.invoke(context);
		}
		return invocation.doOnError(observation::error)
			.onErrorResume((ex) -> handleError(ex, context))
			.doFinally((signal) -> observation.stop())
			.contextWrite((reactorContext) -> reactorContext.put(OBSERVATION_KEY, observation));
	}

	/**
	 * Whether the invocation is the empty {@code Mono}: done, with nothing to subscribe
	 * to.
	 * @param invocation an invocation's result
	 * @return {@code true} for {@link Mono#empty()}
	 */
	static boolean isCompleted(Mono<Void> invocation) {
		return invocation == Mono.<Void>empty();
	}

	private Mono<Void> handleError(Throwable ex, EventContext context) {
		SocketIoSocket socket = context.socket();
		SocketIoServerListener listeners = socket.namespace().server().listeners();
		if (this.exceptionHandler.isRejection(ex)) {
			listeners.eventRejected(socket.namespace().name(), context.handledName(), ex);
		}
		else {
			listeners.handlerFailed(socket.namespace().name(), context.handledName(), ex);
		}
		return this.exceptionHandler.handle(ex, context, this.method);
	}

}
