package dev.realtime.socketio.spring.handler.support;

import reactor.core.publisher.Mono;

import dev.realtime.socketio.spring.handler.EventContext;

/**
 * A handler method with its exception handling: what a socket listener calls.
 */
final class EventHandlerInvoker {

	private final InvocableEventMethod method;

	private final EventExceptionHandler exceptionHandler;

	EventHandlerInvoker(InvocableEventMethod method, EventExceptionHandler exceptionHandler) {
		this.method = method;
		this.exceptionHandler = exceptionHandler;
	}

	InvocableEventMethod method() {
		return this.method;
	}

	boolean isBlocking() {
		return this.method.isBlocking();
	}

	Mono<Void> invoke(EventContext context) {
		return this.method.invoke(context)
			.onErrorResume((ex) -> this.exceptionHandler.handle(ex, context, this.method));
	}

}
