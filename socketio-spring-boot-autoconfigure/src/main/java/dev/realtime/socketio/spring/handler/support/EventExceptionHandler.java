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
import tools.jackson.core.JacksonException;

import dev.realtime.socketio.server.AckSender;
import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.InvalidPayloadException;
import dev.realtime.socketio.spring.handler.PayloadValidationException;

/**
 * Routes an exception of a handler method to an exception handler method of the same
 * bean, then of the advice beans. Without one, it answers the ack, if any, with
 * {@code {"error": kind, "message": text}}: {@code "invalid payload"} for an
 * {@link InvalidPayloadException} (the client's fault, logged at debug level with the
 * detail), {@code "validation failed"} with {@code violations} for a
 * {@link PayloadValidationException}, {@code "internal error"} for any other exception
 * (logged as an error; its message is sent only when messages are included). The socket
 * stays connected either way.
 */
final class EventExceptionHandler {

	private static final Log logger = LogFactory.getLog(EventExceptionHandler.class);

	private final @Nullable BeanExceptionHandlers local;

	private final List<BeanExceptionHandlers> advice;

	/** The reply's {@code error} for a failure that is not the client's. */
	static final String INTERNAL_ERROR = "internal error";

	/** The reply's {@code error} for an argument that is missing or cannot be read. */
	static final String INVALID_PAYLOAD = "invalid payload";

	/** The reply's {@code error} for an argument that failed validation. */
	static final String VALIDATION_FAILED = "validation failed";

	private final @Nullable Scheduler blockingScheduler;

	private final boolean includeExceptionMessage;

	EventExceptionHandler(@Nullable BeanExceptionHandlers local, List<BeanExceptionHandlers> advice,
			@Nullable Scheduler blockingScheduler, boolean includeExceptionMessage) {
		this.local = (local != null && !local.isEmpty()) ? local : null;
		this.advice = advice;
		this.blockingScheduler = blockingScheduler;
		this.includeExceptionMessage = includeExceptionMessage;
	}

	/**
	 * Whether an exception refuses the event on purpose: an invalid payload, or an
	 * exception an exception handler method takes.
	 */
	boolean isRejection(Throwable exception) {
		return exception instanceof InvalidPayloadException || resolve(exception) != null;
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
			context.socket()
				.namespace()
				.server()
				.listeners()
				.handlerFailed(context.socket().namespace().name(), context.handledName(), ex);
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
				logger.debug(invalidPayloadLogMessage((InvalidPayloadException) exception, context, failed));
			}
		}
		else {
			logger.error("Handler " + failed.getShortLogMessage() + " failed for " + context, exception);
		}
		AckSender ack = context.ackSender();
		if (ack != null) {
			ack.send(errorReply(exception, context, this.includeExceptionMessage));
		}
		return Mono.empty();
	}

	private static String invalidPayloadLogMessage(InvalidPayloadException exception, EventContext context,
			EventHandlerMethod failed) {
		StringBuilder message = new StringBuilder("Invalid payload for ").append(failed.getShortLogMessage())
			.append(", ")
			.append(context)
			.append(": ")
			.append(exception.getMessage());
		if (!(exception instanceof PayloadValidationException)) {
			message.append(" as ").append(exception.getParameter().getGenericParameterType().getTypeName());
		}
		Throwable cause = exception.getCause();
		if (cause != null) {
			message.append(": ")
				.append((cause instanceof JacksonException jackson) ? jackson.getOriginalMessage()
						: cause.getMessage());
		}
		if (exception instanceof PayloadValidationException validation) {
			message.append(": ").append(validation.getViolations());
		}
		return message.toString();
	}

	/**
	 * The default reply of a failed event, one shape for every failure: {@code {"error":
	 * kind, "message": text}}, plus {@code violations} for a failed validation and
	 * {@code field} for an invalid payload whose parser named the field. The text never
	 * carries a class name or a parser message, and the message of an unexpected
	 * exception only when messages are included.
	 */
	static Map<String, Object> errorReply(Throwable exception, EventContext context, boolean includeExceptionMessage) {
		Map<String, Object> reply = new LinkedHashMap<>();
		if (exception instanceof PayloadValidationException validation) {
			reply.put("error", VALIDATION_FAILED);
			reply.put("message", "argument " + validation.getIndex() + " of " + describe(context) + " is invalid");
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
		else if (exception instanceof InvalidPayloadException invalid) {
			reply.put("error", INVALID_PAYLOAD);
			reply.put("message", String.valueOf(exception.getMessage()));
			String field = invalid.getField();
			if (field != null) {
				reply.put("field", field);
			}
		}
		else {
			String message = exception.getMessage();
			reply.put("error", INTERNAL_ERROR);
			reply.put("message", (includeExceptionMessage && message != null) ? message
					: describe(context) + " could not be handled");
		}
		return reply;
	}

	private static String describe(EventContext context) {
		String event = context.eventName();
		return (event != null) ? "event '" + event + "'" : "the event";
	}

}
