package dev.realtime.socketio.spring.handler.support;

import java.util.stream.Stream;

import org.assertj.core.api.AbstractThrowableAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.AnnotatedGenericBeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;

import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerOptions;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.annotation.OnConnect;
import dev.realtime.socketio.spring.annotation.OnDisconnect;
import dev.realtime.socketio.spring.annotation.OnEvent;
import dev.realtime.socketio.spring.annotation.SocketIoExceptionHandler;
import dev.realtime.socketio.spring.annotation.SocketIoNamespace;
import dev.realtime.socketio.spring.boot.autoconfigure.SocketIoAnnotationAutoConfiguration;
import dev.realtime.socketio.spring.handler.EventArgumentResolver;
import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.SyncEventArgumentResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the startup checks of {@link SocketIoAnnotationHandlerRegistrar}, through
 * {@link SocketIoAnnotationAutoConfiguration}.
 */
class EventHandlerMethodRegistrarTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SocketIoAnnotationAutoConfiguration.class))
		.withBean(SocketIoServer.class, () -> SocketIoServer.create(SocketIoServerOptions.defaults()));

	@Test
	void shouldRegisterHandlersOfNamespaceBeans() {
		this.contextRunner.withUserConfiguration(ChatHandler.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(SocketIoAnnotationHandlerRegistrar.class);
			assertThat(context).hasSingleBean(ChatHandler.class);
		});
	}

	@Test
	void shouldNotNameScannedBeansAfterTheNamespace() {
		String name = AnnotationBeanNameGenerator.INSTANCE
			.generateBeanName(new AnnotatedGenericBeanDefinition(ChatHandler.class), new DefaultListableBeanFactory());
		assertThat(name).isEqualTo("eventHandlerMethodRegistrarTests.ChatHandler");
	}

	@Test
	void shouldBackOffWithoutServer() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SocketIoAnnotationAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SocketIoAnnotationHandlerRegistrar.class));
	}

	@Test
	void shouldBackOffForUserRegistrar() {
		this.contextRunner.withUserConfiguration(UserRegistrarConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(SocketIoAnnotationHandlerRegistrar.class)
				.hasBean("customRegistrar"));
	}

	@Test
	void shouldFailForUnsupportedParameter() {
		this.contextRunner.withUserConfiguration(UnknownParameterHandler.class)
			.run((context) -> assertStartupFailure(context)
				.hasMessageContaining("Unsupported parameter 'thread' of type java.lang.Thread (index 1)")
				.hasMessageContaining("UnknownParameterHandler#joined(SocketIoSocket, Thread)"));
	}

	@Test
	void shouldAcceptParametersOfCustomResolverBeans() {
		this.contextRunner.withUserConfiguration(UnknownParameterHandler.class, ThreadResolverConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void shouldFailForTwoHandlersOfOneEvent() {
		this.contextRunner.withUserConfiguration(ChatHandler.class, DuplicateChatHandler.class)
			.run((context) -> assertStartupFailure(context)
				.hasMessageContaining("Two handlers for event 'message' in namespace '/chat'")
				.hasMessageContaining("ChatHandler#message(String)")
				.hasMessageContaining("DuplicateChatHandler#again(String)"));
	}

	@Test
	void shouldAllowOneEventInTwoNamespaces() {
		this.contextRunner.withUserConfiguration(ChatHandler.class, OtherNamespaceHandler.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void shouldFailForReplyOnConnect() {
		this.contextRunner.withUserConfiguration(ConnectReturnsValueHandler.class)
			.run((context) -> assertStartupFailure(context)
				.hasMessageContaining("Unsupported return type java.lang.String of ")
				.hasMessageContaining("ConnectReturnsValueHandler#joined()")
				.hasMessageContaining("only @OnEvent, @OnAnyEvent and @SocketIoExceptionHandler methods can reply"));
	}

	@Test
	void shouldFailForUnsupportedReturnType() {
		this.contextRunner.withUserConfiguration(StreamHandler.class)
			.run((context) -> assertStartupFailure(context)
				.hasMessageContaining("Unsupported return type java.util.stream.Stream<java.lang.String> of ")
				.hasMessageContaining("StreamHandler#list()"));
	}

	@Test
	void shouldAcceptReactiveReturnTypes() {
		this.contextRunner.withUserConfiguration(ReactiveHandler.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void shouldFailForReservedEventName() {
		this.contextRunner.withUserConfiguration(ReservedEventHandler.class)
			.run((context) -> assertStartupFailure(context)
				.hasMessageContaining("uses the reserved event name 'disconnect'")
				.hasMessageContaining("ReservedEventHandler.left()"));
	}

	@Test
	void shouldFailForPathAndPattern() {
		this.contextRunner.withUserConfiguration(PathAndPatternHandler.class)
			.run((context) -> assertStartupFailure(context)
				.hasMessageContaining("PathAndPatternHandler sets both a path and a pattern"));
	}

	@Test
	void shouldFailForExceptionHandlerWithoutExceptionType() {
		this.contextRunner.withUserConfiguration(ExceptionHandlerWithoutTypeHandler.class)
			.run((context) -> assertStartupFailure(context).hasMessageContaining("No exception types mapped to")
				.hasMessageContaining("ExceptionHandlerWithoutTypeHandler.handle()"));
	}

	@Test
	void shouldFailForWebRequestParameter() {
		this.contextRunner.withUserConfiguration(WebRequestHandler.class)
			.run((context) -> assertStartupFailure(context).isInstanceOf(InvalidHandlerMethodException.class)
				.hasMessageContaining("parameter 'request' of type "
						+ "org.springframework.http.server.reactive.ServerHttpRequest (index 0)")
				.hasMessageContaining("WebRequestHandler#bid(ServerHttpRequest, String)")
				.hasMessageContaining("is a web-framework type"));
	}

	@Test
	void shouldFailForRequestBodyAnnotation() {
		this.contextRunner.withUserConfiguration(RequestBodyHandler.class)
			.run((context) -> assertStartupFailure(context).isInstanceOf(InvalidHandlerMethodException.class)
				.hasMessageContaining("parameter 'bid' of type reactor.core.publisher.Mono<java.lang.String> (index 0)")
				.hasMessageContaining("RequestBodyHandler#bid(Mono)")
				.hasMessageContaining("is annotated with @RequestBody"));
	}

	@Test
	void shouldFailForReactivePayload() {
		this.contextRunner.withUserConfiguration(ReactivePayloadHandler.class)
			.run((context) -> assertStartupFailure(context).isInstanceOf(InvalidHandlerMethodException.class)
				.hasMessageContaining("parameter 'bid' of type reactor.core.publisher.Mono<java.lang.String> (index 1)")
				.hasMessageContaining("is a reactive or asynchronous type")
				.satisfies((ex) -> assertThat(((InvalidHandlerMethodException) ex).getAction())
					.contains("rather than Mono<BidRequest>")));
	}

	@Test
	void shouldFailForPathVariableAnnotation() {
		this.contextRunner.withUserConfiguration(PathVariableHandler.class)
			.run((context) -> assertStartupFailure(context).isInstanceOf(InvalidHandlerMethodException.class)
				.hasMessageContaining("parameter 'room' of type java.lang.String (index 0)")
				.hasMessageContaining("is annotated with @PathVariable"));
	}

	@Test
	void shouldAcceptWebTypeOfCustomResolverBeans() {
		this.contextRunner.withUserConfiguration(WebRequestHandler.class, HttpRequestResolverConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static AbstractThrowableAssert<?, ? extends Throwable> assertStartupFailure(
			AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		return assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()));
	}

	@SocketIoNamespace("/chat")
	static class ChatHandler {

		@OnEvent("message")
		String message(String text) {
			return text;
		}

		@OnDisconnect
		void left(SocketIoSocket socket, String reason) {
		}

	}

	@SocketIoNamespace(path = "/chat")
	static class DuplicateChatHandler {

		@OnEvent({ "other", "message" })
		void again(String text) {
		}

	}

	@SocketIoNamespace("/news")
	static class OtherNamespaceHandler {

		@OnEvent("message")
		void message(String text) {
		}

	}

	@SocketIoNamespace
	static class UnknownParameterHandler {

		@OnConnect
		void joined(SocketIoSocket socket, Thread thread) {
		}

	}

	@SocketIoNamespace
	static class ConnectReturnsValueHandler {

		@OnConnect
		String joined() {
			return "welcome";
		}

	}

	@SocketIoNamespace
	static class StreamHandler {

		@OnEvent("list")
		Stream<String> list() {
			return Stream.of("a");
		}

	}

	@SocketIoNamespace
	static class ReactiveHandler {

		@OnConnect
		Mono<Void> joined() {
			return Mono.empty();
		}

		@OnEvent("one")
		Mono<String> one() {
			return Mono.just("one");
		}

		@OnEvent("many")
		Flux<String> many() {
			return Flux.just("a", "b");
		}

	}

	@SocketIoNamespace
	static class ReservedEventHandler {

		@OnEvent("disconnect")
		void left() {
		}

	}

	@SocketIoNamespace(path = "/a", pattern = "^/a-\\d+$")
	static class PathAndPatternHandler {

	}

	@SocketIoNamespace
	static class ExceptionHandlerWithoutTypeHandler {

		@SocketIoExceptionHandler
		String handle() {
			return "failed";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ThreadResolverConfiguration {

		@Bean
		EventArgumentResolver threadResolver() {
			return new SyncEventArgumentResolver() {

				@Override
				public boolean supportsParameter(MethodParameter parameter) {
					return parameter.getParameterType() == Thread.class;
				}

				@Override
				public Object resolveArgumentValue(MethodParameter parameter, EventContext context) {
					return Thread.currentThread();
				}

			};
		}

	}

	@SocketIoNamespace("/auction")
	static class WebRequestHandler {

		@OnEvent("bid")
		void bid(ServerHttpRequest request, String bid) {
		}

	}

	@SocketIoNamespace("/auction")
	static class RequestBodyHandler {

		@OnEvent("bid")
		Mono<String> bid(@RequestBody Mono<String> bid) {
			return bid;
		}

	}

	@SocketIoNamespace("/auction")
	static class ReactivePayloadHandler {

		@OnEvent("bid")
		Mono<String> bid(SocketIoSocket socket, Mono<String> bid) {
			return bid;
		}

	}

	@SocketIoNamespace("/auction")
	static class PathVariableHandler {

		@OnEvent("join")
		void join(@PathVariable String room) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HttpRequestResolverConfiguration {

		@Bean
		EventArgumentResolver httpRequestResolver() {
			return new SyncEventArgumentResolver() {

				@Override
				public boolean supportsParameter(MethodParameter parameter) {
					return parameter.getParameterType() == ServerHttpRequest.class;
				}

				@Override
				public @Nullable Object resolveArgumentValue(MethodParameter parameter, EventContext context) {
					return null;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRegistrarConfiguration {

		@Bean
		SocketIoAnnotationHandlerRegistrar customRegistrar(SocketIoServer server) {
			return new SocketIoAnnotationHandlerRegistrar(server);
		}

	}

}
