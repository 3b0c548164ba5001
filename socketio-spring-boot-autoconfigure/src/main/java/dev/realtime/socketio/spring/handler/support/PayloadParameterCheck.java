package dev.realtime.socketio.spring.handler.support;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.ReactiveAdapterRegistry;

/**
 * Finds payload parameters that cannot work: types and annotations of web frameworks
 * (WebFlux, Spring MVC, Spring Messaging, JAX-RS, Servlet, Reactor Netty) that have no
 * value in a Socket.IO event, and reactive or future types. Without this check such a
 * parameter would be taken for a payload and fail every event at runtime. A custom
 * {@code EventArgumentResolver} that supports the parameter comes first and is not
 * checked.
 */
final class PayloadParameterCheck {

	private static final List<String> WEB_ANNOTATION_PACKAGES = List.of("org.springframework.web.bind.annotation.",
			"org.springframework.messaging.handler.annotation.", "org.springframework.graphql.data.method.annotation.",
			"jakarta.ws.rs.");

	private static final List<String> WEB_TYPE_PACKAGES = List.of("org.springframework.http.",
			"org.springframework.web.", "org.springframework.messaging.", "org.springframework.ui.",
			"org.springframework.validation.", "jakarta.servlet.", "jakarta.ws.rs.", "reactor.netty.", "io.netty.");

	private PayloadParameterCheck() {
	}

	/**
	 * Check a parameter that would be resolved as a payload.
	 * @return the problem, or {@code null} when the parameter can be a payload
	 */
	static @Nullable Problem check(MethodParameter parameter) {
		for (Annotation annotation : parameter.getParameterAnnotations()) {
			String name = annotation.annotationType().getName();
			if (startsWithAny(name, WEB_ANNOTATION_PACKAGES)) {
				return new Problem(
						"is annotated with @" + annotation.annotationType().getSimpleName() + " (" + name
								+ "), which means nothing for a Socket.IO event",
						"Remove the annotation: an unannotated parameter of an @OnEvent method is the next event "
								+ "argument; use dev.realtime.socketio.spring.annotation.Payload to pick one by index.");
			}
		}
		Class<?> type = parameter.getParameterType();
		if (startsWithAny(type.getName(), WEB_TYPE_PACKAGES)) {
			return new Problem(
					"is a web-framework type that has no value in a Socket.IO event (events do not "
							+ "arrive as HTTP requests)",
					"Remove the parameter. For the handshake's headers, query and address take a Handshake "
							+ "parameter (or SocketIoSocket.handshake()); for the event's arguments declare their "
							+ "types.");
		}
		if (ReactiveAdapterRegistry.getSharedInstance().getAdapter(type) != null || Future.class.isAssignableFrom(type)
				|| CompletionStage.class.isAssignableFrom(type)) {
			return new Problem(
					"is a reactive or asynchronous type: an event argument is a value the client has "
							+ "already sent, not a stream",
					"Declare the argument's own type (BidRequest rather than Mono<BidRequest>); to answer "
							+ "asynchronously, return a Mono instead.");
		}
		return null;
	}

	private static boolean startsWithAny(String name, List<String> prefixes) {
		for (String prefix : prefixes) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	record Problem(String description, String action) {
	}

}
