package dev.realtime.socketio.spring.handler.support;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.spring.annotation.OnAnyEvent;
import dev.realtime.socketio.spring.annotation.OnConnect;
import dev.realtime.socketio.spring.annotation.OnDisconnect;
import dev.realtime.socketio.spring.annotation.OnEvent;
import dev.realtime.socketio.spring.annotation.SocketIoNamespace;

/**
 * What the annotations of a {@link SocketIoNamespace @SocketIoNamespace} bean say: the
 * namespace it serves (a path or a pattern) and, for each method, the lifecycle callback
 * or the events it handles. Annotations the model cannot serve fail with an
 * {@link InvalidHandlerMethodException} that names the class or method.
 */
final class HandlerMappings {

	private HandlerMappings() {
	}

	/** The namespace a handler bean serves: its path ('/' by default) or pattern. */
	static NamespaceKey namespaceKey(Class<?> beanType) {
		SocketIoNamespace annotation = Objects
			.requireNonNull(AnnotatedElementUtils.findMergedAnnotation(beanType, SocketIoNamespace.class));
		String path = annotation.path();
		String pattern = annotation.pattern();
		if (!pattern.isEmpty()) {
			if (!path.isEmpty()) {
				throw new InvalidHandlerMethodException(beanType,
						"@SocketIoNamespace on " + beanType.getName() + " sets both a path and a pattern",
						"Set either the path or the pattern.");
			}
			try {
				Pattern.compile(pattern);
			}
			catch (PatternSyntaxException ex) {
				throw new InvalidHandlerMethodException(beanType,
						"Invalid @SocketIoNamespace pattern on " + beanType.getName() + ": " + ex.getMessage(),
						"Fix the regular expression of the pattern.");
			}
			return new NamespaceKey(pattern, true);
		}
		if (path.isEmpty()) {
			return new NamespaceKey("/", false);
		}
		return new NamespaceKey(path.startsWith("/") ? path : "/" + path, false);
	}

	/** What a method handles, or {@code null} for a method with no handler annotation. */
	static @Nullable Mapping mappingFor(Method method) {
		List<Mapping> mappings = new ArrayList<>(1);
		if (AnnotatedElementUtils.hasAnnotation(method, OnConnect.class)) {
			mappings.add(new Mapping(Kind.CONNECT, new String[0]));
		}
		if (AnnotatedElementUtils.hasAnnotation(method, OnDisconnect.class)) {
			mappings.add(new Mapping(Kind.DISCONNECT, new String[0]));
		}
		if (AnnotatedElementUtils.hasAnnotation(method, OnAnyEvent.class)) {
			mappings.add(new Mapping(Kind.ANY_EVENT, new String[0]));
		}
		OnEvent onEvent = AnnotatedElementUtils.findMergedAnnotation(method, OnEvent.class);
		if (onEvent != null) {
			mappings.add(new Mapping(Kind.EVENT, onEvent.value()));
		}
		if (mappings.size() > 1) {
			throw new InvalidHandlerMethodException(method, "Method " + method + " has more than one of "
					+ "@OnConnect, @OnDisconnect, @OnAnyEvent and @OnEvent", "Keep one of these annotations.");
		}
		return mappings.isEmpty() ? null : mappings.get(0);
	}

	/** The events an {@code @OnEvent} method handles: named, not empty, not reserved. */
	static String[] eventNames(Method method, Mapping mapping) {
		if (mapping.events().length == 0) {
			throw new InvalidHandlerMethodException(method, "@OnEvent on " + method + " names no event",
					"Name the event: @OnEvent(\"message\").");
		}
		for (String event : mapping.events()) {
			if (event.isEmpty()) {
				throw new InvalidHandlerMethodException(method, "@OnEvent on " + method + " has an empty event name",
						"Name the event: @OnEvent(\"message\").");
			}
			if (SocketIoPacket.RESERVED_EVENT_NAMES.contains(event)) {
				throw new InvalidHandlerMethodException(method,
						"@OnEvent on " + method + " uses the reserved event name '" + event + "'",
						"Use @OnConnect or @OnDisconnect for the socket's lifecycle, or another event name.");
			}
		}
		return mapping.events();
	}

	record NamespaceKey(String name, boolean pattern) {

		@Override
		public String toString() {
			return this.pattern ? "pattern " + this.name : this.name;
		}

	}

	enum Kind {

		CONNECT, DISCONNECT, ANY_EVENT, EVENT

	}

	record Mapping(Kind kind, String[] events) {

		String describe() {
			return switch (this.kind) {
				case CONNECT -> "@OnConnect";
				case DISCONNECT -> "@OnDisconnect";
				case ANY_EVENT -> "@OnAnyEvent";
				case EVENT -> "event " + String.join(", ", this.events);
			};
		}

	}

}
