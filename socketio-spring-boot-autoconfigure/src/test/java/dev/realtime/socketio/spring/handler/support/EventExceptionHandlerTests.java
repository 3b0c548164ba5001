package dev.realtime.socketio.spring.handler.support;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.core.MethodParameter;
import org.springframework.util.ReflectionUtils;

import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.InvalidPayloadException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link EventExceptionHandler}: what the client is told when a handler fails
 * and no exception handler takes the exception.
 */
class EventExceptionHandlerTests {

	private final List<Object> replies = new ArrayList<>();

	private final InvocableEventMethod failed = new InvocableEventMethodFactory(new EventArgumentResolverComposite(),
			new EventReturnValueHandlerComposite().addHandlers(List.of(new VoidReturnValueHandler())), null)
		.create(this, method());

	private static Method method() {
		return ReflectionUtils.findMethod(EventExceptionHandlerTests.class, "crash");
	}

	void crash() {
	}

	void add(int value) {
	}

	void order(Order order) {
	}

	record Order(List<Item> items) {
	}

	record Item(String name, int quantity) {
	}

	private Object replyTo(Throwable exception, boolean includeExceptionMessage) {
		EventContext context = EventContext.event(mock(SocketIoSocket.class), "crash",
				JsonNodeFactory.instance.arrayNode(), (args) -> this.replies.add(args[0]));
		new EventExceptionHandler(null, List.of(), null, includeExceptionMessage)
			.handle(exception, context, this.failed)
			.block();
		assertThat(this.replies).hasSize(1);
		return this.replies.remove(0);
	}

	@Test
	void unhandledExceptionMessageStaysOnTheServerByDefault() {
		assertThat(replyTo(new IllegalStateException("password=hunter2"), false))
			.isEqualTo(Map.of("error", "internal error", "message", "event 'crash' could not be handled"));
	}

	@Test
	void unhandledExceptionMessageIsSentWhenIncluded() {
		assertThat(replyTo(new IllegalStateException("kaboom"), true))
			.isEqualTo(Map.of("error", "internal error", "message", "kaboom"));
	}

	@Test
	void invalidPayloadIsAlwaysExplained() {
		MethodParameter parameter = new MethodParameter(
				ReflectionUtils.findMethod(EventExceptionHandlerTests.class, "add", int.class), 0);
		assertThat(replyTo(new InvalidPayloadException("expected a number", parameter, 0, null), false))
			.isEqualTo(Map.of("error", "invalid payload", "message", "expected a number"));
	}

	@Test
	void invalidPayloadNamesTheFieldTheParserFailedOn() {
		MethodParameter parameter = new MethodParameter(
				ReflectionUtils.findMethod(EventExceptionHandlerTests.class, "order", Order.class), 0);
		PayloadArgumentResolver resolver = new PayloadArgumentResolver(JsonMapper.shared(), null, false);
		ArrayNode args = JsonNodeFactory.instance.arrayNode();
		args.addObject()
			.putArray("items")
			.add(JsonNodeFactory.instance.objectNode().put("name", "a").put("quantity", 1))
			.add(JsonNodeFactory.instance.objectNode().put("name", "b").put("quantity", "many"));
		EventContext context = EventContext.event(mock(SocketIoSocket.class), "order", args, (reply) -> {
		});
		InvalidPayloadException exception = catchThrowableOfType(InvalidPayloadException.class,
				() -> resolver.resolveArgumentValue(resolver.prepare(parameter, 0), context));
		assertThat(exception.getField()).isEqualTo("items[1].quantity");
		assertThat(replyTo(exception, false)).isEqualTo(Map.of("error", "invalid payload", "message",
				"argument 0 of event 'order' cannot be read", "field", "items[1].quantity"));
	}

}
