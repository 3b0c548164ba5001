package dev.realtime.socketio.spring.handler.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.MethodParameter;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import dev.realtime.socketio.spring.annotation.OnConnect;
import dev.realtime.socketio.spring.annotation.OnEvent;
import dev.realtime.socketio.spring.annotation.Payload;
import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.InvalidPayloadException;
import dev.realtime.socketio.spring.handler.PayloadValidationException;
import dev.realtime.socketio.spring.handler.PayloadValidationException.Violation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PayloadArgumentResolver}.
 */
class PayloadArgumentResolverTests extends ArgumentResolverTestSupport {

	private final PayloadArgumentResolver annotated = new PayloadArgumentResolver(this.jsonMapper, null, false);

	private final PayloadArgumentResolver resolver = new PayloadArgumentResolver(this.jsonMapper, null, true);

	@Test
	void shouldSupportAnnotatedParametersOnly() {
		assertThat(this.annotated.supportsParameter(parameter(Handler.class, "indexed", 0))).isTrue();
		assertThat(this.annotated.supportsParameter(parameter(Handler.class, "message", 0))).isFalse();
	}

	@Test
	void shouldSupportUnannotatedParametersOfEventMethodsWithDefaultResolution() {
		assertThat(this.resolver.supportsParameter(parameter(Handler.class, "message", 0))).isTrue();
		assertThat(this.resolver.supportsParameter(parameter(Handler.class, "connected", 0))).isFalse();
	}

	@Test
	void shouldConvertRecord() {
		Object value = resolve("message", 0, 0, event("m", Map.of("text", "hi", "room", "a")));
		assertThat(value).isEqualTo(new ChatMessage("hi", "a"));
	}

	@Test
	void shouldConvertPojo() {
		Object value = resolve("pojo", 0, 0, event("m", Map.of("name", "bob", "age", 42)));
		assertThat(value).isInstanceOfSatisfying(Person.class, (person) -> {
			assertThat(person.getName()).isEqualTo("bob");
			assertThat(person.getAge()).isEqualTo(42);
		});
	}

	@Test
	void shouldConvertGenericCollection() {
		Object value = resolve("list", 0, 0,
				event("m", List.of(Map.of("text", "a", "room", "r"), Map.of("text", "b", "room", "r"))));
		assertThat(value).isEqualTo(List.of(new ChatMessage("a", "r"), new ChatMessage("b", "r")));
	}

	@Test
	void shouldPassJsonTreesAsTheyAre() {
		EventContext context = event("m", Map.of("a", 1));
		assertThat(resolve("node", 0, 0, context)).isSameAs(context.args().get(0));
		assertThat(resolve("node", 1, 0, context)).isSameAs(context.args().get(0));
	}

	@Test
	void shouldConvertStringsAndPrimitivesByPosition() {
		EventContext context = event("m", "text", 7, true);
		assertThat(resolve("simple", 0, 0, context)).isEqualTo("text");
		assertThat(resolve("simple", 1, 1, context)).isEqualTo(7);
		assertThat(resolve("simple", 2, 2, context)).isEqualTo(true);
	}

	@Test
	void shouldResolveBinaryAttachments() {
		byte[] bytes = "binary".getBytes(StandardCharsets.UTF_8);
		ArrayNode args = this.jsonMapper.createArrayNode();
		args.add(this.jsonMapper.getNodeFactory().binaryNode(bytes));
		EventContext context = eventWithNodes("upload", args);
		assertThat(resolve("binary", 0, 0, context)).isEqualTo(bytes);
		assertThat(resolve("buffer", 0, 0, context)).isEqualTo(ByteBuffer.wrap(bytes));
	}

	@Test
	void shouldUseAnnotatedIndex() {
		EventContext context = event("m", "first", "second");
		assertThat(resolve("indexed", 0, 0, context)).isEqualTo("second");
	}

	@Test
	void shouldFailForMissingRequiredArgument() {
		assertThatExceptionOfType(InvalidPayloadException.class)
			.isThrownBy(() -> resolve("simple", 1, 1, event("m", "only")))
			.withMessage("argument 1 of event 'm' is missing")
			.satisfies((ex) -> assertThat(ex.getIndex()).isEqualTo(1));
	}

	@Test
	void shouldResolveMissingOptionalArguments() {
		assertThat(resolve("optional", 0, 0, event("m"))).isEqualTo(Optional.empty());
		assertThat(resolve("optional", 0, 0, event("m", "x"))).isEqualTo(Optional.of("x"));
		assertThat(resolve("optional", 1, 1, event("m"))).isNull();
	}

	@Test
	void shouldFailForUnconvertibleArgument() {
		assertThatExceptionOfType(InvalidPayloadException.class)
			.isThrownBy(() -> resolve("message", 0, 0, event("m", "not an object")))
			.withMessage("argument 0 of event 'm' cannot be read")
			.withCauseInstanceOf(JacksonException.class);
	}

	@Test
	void shouldValidateValidParameters() {
		PayloadArgumentResolver validating = new PayloadArgumentResolver(this.jsonMapper, validator(), true);
		MethodParameter parameter = validating.prepare(parameter(Handler.class, "validated", 0), 0);
		assertThat(validating.resolveArgumentValue(parameter, event("m", Map.of("text", "hi", "room", "r"))))
			.isEqualTo(new ChatMessage("hi", "r"));
		assertThatExceptionOfType(PayloadValidationException.class)
			.isThrownBy(() -> validating.resolveArgumentValue(parameter, event("m", Map.of("text", " ", "room", "r"))))
			.withMessage("validation failed")
			.satisfies(
					(ex) -> assertThat(ex.getViolations()).containsExactly(new Violation("text", "must not be blank")));
	}

	@Test
	void shouldNotValidateParametersWithoutValid() {
		PayloadArgumentResolver validating = new PayloadArgumentResolver(this.jsonMapper, validator(), true);
		MethodParameter parameter = validating.prepare(parameter(Handler.class, "message", 0), 0);
		assertThat(validating.resolveArgumentValue(parameter, event("m", Map.of("text", " ", "room", "r"))))
			.isEqualTo(new ChatMessage(" ", "r"));
	}

	private Object resolve(String method, int parameterIndex, int position, EventContext context) {
		MethodParameter parameter = this.resolver.prepare(parameter(Handler.class, method, parameterIndex), position);
		return this.resolver.resolveArgumentValue(parameter, context);
	}

	private static LocalValidatorFactoryBean validator() {
		LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
		validator.afterPropertiesSet();
		return validator;
	}

	record ChatMessage(@NotBlank String text, @Size(max = 10) String room) {
	}

	static class Person {

		private String name;

		private int age;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public int getAge() {
			return this.age;
		}

		public void setAge(int age) {
			this.age = age;
		}

	}

	static class Handler {

		@OnEvent("m")
		void message(ChatMessage message) {
		}

		@OnEvent("m")
		void validated(@Valid ChatMessage message) {
		}

		@OnEvent("m")
		void pojo(Person person) {
		}

		@OnEvent("m")
		void list(List<ChatMessage> messages) {
		}

		@OnEvent("m")
		void node(JsonNode node, ObjectNode object) {
		}

		@OnEvent("m")
		void simple(String text, int number, boolean flag) {
		}

		@OnEvent("upload")
		void binary(byte[] bytes) {
		}

		@OnEvent("upload")
		void buffer(ByteBuffer buffer) {
		}

		@OnEvent("m")
		void indexed(@Payload(1) String second) {
		}

		@OnEvent("m")
		void optional(Optional<String> first, @Payload(required = false) String second) {
		}

		@OnConnect
		void connected(String unsupported) {
		}

	}

}
