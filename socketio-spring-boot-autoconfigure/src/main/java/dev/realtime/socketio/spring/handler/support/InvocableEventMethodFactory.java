package dev.realtime.socketio.spring.handler.support;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * Creates {@link InvocableEventMethod}s with the configured resolvers and handlers.
 */
final class InvocableEventMethodFactory {

	private final EventArgumentResolverComposite argumentResolvers;

	private final EventReturnValueHandlerComposite returnValueHandlers;

	private final @Nullable Scheduler blockingScheduler;

	InvocableEventMethodFactory(EventArgumentResolverComposite argumentResolvers,
			EventReturnValueHandlerComposite returnValueHandlers, @Nullable Scheduler blockingScheduler) {
		this.argumentResolvers = argumentResolvers;
		this.returnValueHandlers = returnValueHandlers;
		this.blockingScheduler = blockingScheduler;
	}

	InvocableEventMethod create(Object bean, Method method) {
		return new InvocableEventMethod(new EventHandlerMethod(bean, method), this.argumentResolvers,
				this.returnValueHandlers, this.blockingScheduler);
	}

	@Nullable Scheduler blockingScheduler() {
		return this.blockingScheduler;
	}

}
