package dev.realtime.socketio.spring.handler.support;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;

import dev.realtime.socketio.server.AckSender;
import dev.realtime.socketio.spring.annotation.OnAnyEvent;
import dev.realtime.socketio.spring.annotation.OnConnect;
import dev.realtime.socketio.spring.annotation.OnEvent;
import dev.realtime.socketio.spring.handler.EventContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link VoidReturnValueHandler}, {@link ReactiveReturnValueHandler} and
 * {@link AckReturnValueHandler}.
 */
class ReturnValueHandlerTests extends ArgumentResolverTestSupport {

	private final List<List<Object>> replies = new ArrayList<>();

	private final AckSender ack = (args) -> this.replies.add(Arrays.asList(args));

	private final VoidReturnValueHandler voidHandler = new VoidReturnValueHandler();

	private final ReactiveReturnValueHandler reactiveHandler = new ReactiveReturnValueHandler();

	private final AckReturnValueHandler ackHandler = new AckReturnValueHandler();

	@Test
	void voidHandlerSupportsVoidOnly() {
		assertThat(this.voidHandler.supportsReturnType(returnType("nothing"))).isTrue();
		assertThat(this.voidHandler.supportsReturnType(returnType("value"))).isFalse();
	}

	@Test
	void ackHandlerSendsTheValue() {
		this.ackHandler.handleReturnValue("hello", returnType("value"), event("e", this.ack)).block();
		assertThat(this.replies).containsExactly(List.of("hello"));
	}

	@Test
	void ackHandlerSendsArraysAsOneArgument() {
		this.ackHandler.handleReturnValue(new String[] { "a", "b" }, returnType("array"), event("e", this.ack)).block();
		assertThat(this.replies).hasSize(1);
		assertThat(this.replies.get(0)).hasSize(1);
		assertThat(this.replies.get(0).get(0)).isEqualTo(new String[] { "a", "b" });
	}

	@Test
	void ackHandlerRepliesWithoutArgumentsForNullAndEmptyOptional() {
		this.ackHandler.handleReturnValue(null, returnType("value"), event("e", this.ack)).block();
		this.ackHandler.handleReturnValue(Optional.empty(), returnType("optional"), event("e", this.ack)).block();
		assertThat(this.replies).containsExactly(List.of(), List.of());
	}

	@Test
	void ackHandlerSendsNothingWithoutAck() {
		this.ackHandler.handleReturnValue("hello", returnType("value"), event("e")).block();
		assertThat(this.replies).isEmpty();
	}

	@Test
	void ackHandlerRejectsTypesThatCannotBeSentAndMethodsThatCannotReplyButServesCatchAllMethods() {
		assertThat(this.ackHandler.supportsReturnType(returnType("value"))).isTrue();
		assertThat(this.ackHandler.supportsReturnType(returnType("future"))).isFalse();
		assertThat(this.ackHandler.supportsReturnType(returnType("connected"))).isFalse();
		assertThat(this.ackHandler.supportsReturnType(returnType("any"))).isTrue();
	}

	@Test
	void reactiveHandlerSendsTheValueOfMono() {
		this.reactiveHandler.handleReturnValue(Mono.just("hi"), returnType("mono"), event("e", this.ack)).block();
		this.reactiveHandler.handleReturnValue(Mono.empty(), returnType("mono"), event("e", this.ack)).block();
		assertThat(this.replies).containsExactly(List.of("hi"), List.of());
	}

	@Test
	void reactiveHandlerCollectsFluxIntoOneList() {
		this.reactiveHandler.handleReturnValue(Flux.just(1, 2), returnType("flux"), event("e", this.ack)).block();
		assertThat(this.replies).containsExactly(List.of(List.of(1, 2)));
	}

	@Test
	void reactiveHandlerSendsTheValueOfCompletableFuture() {
		this.reactiveHandler
			.handleReturnValue(CompletableFuture.completedFuture("done"), returnType("completable"),
					event("e", this.ack))
			.block();
		assertThat(this.replies).containsExactly(List.of("done"));
	}

	@Test
	void reactiveHandlerSendsNothingForMonoOfVoid() {
		this.reactiveHandler.handleReturnValue(Mono.empty(), returnType("monoVoid"), event("e", this.ack)).block();
		assertThat(this.replies).isEmpty();
	}

	@Test
	void reactiveHandlerSupportsOnlyNoValueTypesOnMethodsThatCannotReply() {
		assertThat(this.reactiveHandler.supportsReturnType(returnType("mono"))).isTrue();
		assertThat(this.reactiveHandler.supportsReturnType(returnType("connectedMono"))).isTrue();
		assertThat(this.reactiveHandler.supportsReturnType(returnType("connectedValueMono"))).isFalse();
		assertThat(this.reactiveHandler.supportsReturnType(returnType("value"))).isFalse();
	}

	private MethodParameter returnType(String method) {
		return new EventHandlerMethod(new Handler(), methodNamed(method)).getReturnType();
	}

	private static Method methodNamed(String name) {
		return Arrays.stream(Handler.class.getDeclaredMethods())
			.filter((method) -> method.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private EventContext event(String name, AckSender ack) {
		return super.event(name, ack);
	}

	static class Handler {

		@OnEvent("e")
		void nothing() {
		}

		@OnEvent("e")
		String value() {
			return "";
		}

		@OnEvent("e")
		String[] array() {
			return new String[0];
		}

		@OnEvent("e")
		Optional<String> optional() {
			return Optional.empty();
		}

		@OnEvent("e")
		Future<String> future() {
			return CompletableFuture.completedFuture("");
		}

		@OnEvent("e")
		Mono<String> mono() {
			return Mono.empty();
		}

		@OnEvent("e")
		Mono<Void> monoVoid() {
			return Mono.empty();
		}

		@OnEvent("e")
		Flux<Integer> flux() {
			return Flux.empty();
		}

		@OnEvent("e")
		CompletableFuture<String> completable() {
			return CompletableFuture.completedFuture("");
		}

		@OnConnect
		String connected() {
			return "";
		}

		@OnConnect
		Mono<Void> connectedMono() {
			return Mono.empty();
		}

		@OnConnect
		Mono<String> connectedValueMono() {
			return Mono.empty();
		}

		@OnAnyEvent
		String any() {
			return "";
		}

	}

}
