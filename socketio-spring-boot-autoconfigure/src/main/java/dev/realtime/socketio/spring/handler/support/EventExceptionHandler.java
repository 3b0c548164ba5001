package dev.realtime.socketio.spring.handler.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import dev.realtime.socketio.server.AckSender;
import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.InvalidPayloadException;
import dev.realtime.socketio.spring.handler.PayloadValidationException;

/**
 * Routes an exception of a handler method to an exception handler method of the same
 * bean, then of the advice beans. Without one, it logs the exception and answers the ack,
 * if any, with an error object: for an {@link InvalidPayloadException} (the client's fault)
 * {@code {"error": message}}, or for a {@link PayloadValidationException}
 * {@code {"error":"validation failed","violations":[{"field":..,"message":..}]}}; for any
 * other exception {@code {"error":"internal error"}}, or its message when messages are
 * included. The socket stays connected either way.
 */
final class EventExceptionHandler {

	private static final Log logger = LogFactory.getLog(EventExceptionHandler.class);

	private final @Nullable BeanExceptionHandlers local;

	private final List<BeanExceptionHandlers> advice;

	/** The reply's text for a failure that is not the client's, unless messages are included. */
	static final String INTERNAL_ERROR = "internal error";

	private final @Nullable Scheduler blockingScheduler;

	private final boolean includeExceptionMessage;

	EventExceptionHandler(@Nullable BeanExceptionHandlers local, List<BeanExceptionHandlers> advice,
			@Nullable Scheduler blockingScheduler, boolean includeExceptionMessage) {
		this.local = (local != null && !local.isEmpty()) ? local : null;
		this.advice = advice;
		this.blockingScheduler = blockingScheduler;
		this.includeExceptionMessage = includeExceptionMessage;
	}

	Mono<Void> handle(Throwable exception, EventContext context, EventHandlerMethod failed) {
		BeanExceptionHandlers.Resolved resolved = resolve(exception);
		if (resolved == null) {
			return reply(exception, context, failed);
		}
		InvocableEventMethod method = resolved.method();
		Mono<Void> invocation = Mono.defer(() -> method.invoke(context, resolved.exception(), exception));
		if (method.isBlocking() && this.blockingScheduler != null && Schedulers.isInNonBlockingThread()) {
			invocation = invocation.subscribeOn(this.blockingScheduler);
		}
		return invocation.onErrorResume((ex) -> {
			logger.error("Exception handler " + method.getShortLogMessage() + " failed for " + context, ex);
			return reply(exception, context, failed);
		});
	}

	private BeanExceptionHandlers.@Nullable Resolved resolve(Throwable exception) {
		if (this.local != null) {
			BeanExceptionHandlers.Resolved resolved = this.local.resolve(exception);
			if (resolved != null) {
				return resolved;
			}
		}
		for (BeanExceptionHandlers handlers : this.advice) {
			BeanExceptionHandlers.Resolved resolved = handlers.resolve(exception);
			if (resolved != null) {
				return resolved;
			}
		}
		return null;
	}

	private Mono<Void> reply(Throwable exception, EventContext context, EventHandlerMethod failed) {
		if (exception instanceof InvalidPayloadException) {
			if (logger.isDebugEnabled()) {
				logger.debug("Invalid payload for " + failed.getShortLogMessage() + ", " + context + ": "
						+ exception.getMessage());
			}
		}
		else {
			logger.error("Handler " + failed.getShortLogMessage() + " failed for " + context, exception);
		}
		AckSender ack = context.ackSender();
		if (ack != null) {
			ack.send((this.includeExceptionMessage || exception instanceof InvalidPayloadException)
					? errorReply(exception) : Map.of("error", INTERNAL_ERROR));
		}
		return Mono.empty();
	}

	static Map<String, Object> errorReply(Throwable exception) {
		Map<String, Object> reply = new LinkedHashMap<>();
		String message = exception.getMessage();
		reply.put("error", (message != null) ? message : exception.getClass().getSimpleName());
		if (exception instanceof PayloadValidationException validation) {
			List<Map<String, String>> violations = new ArrayList<>(validation.getViolations().size());
			for (PayloadValidationException.Violation violation : validation.getViolations()) {
				Map<String, String> entry = new LinkedHashMap<>();
				if (violation.field() != null) {
					entry.put("field", violation.field());
				}
				entry.put("message", violation.message());
				violations.add(entry);
			}
			reply.put("violations", violations);
		}
		return reply;
	}

}
