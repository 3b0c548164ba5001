package dev.realtime.socketio.kotlin

import dev.realtime.socketio.spring.annotation.OnConnect
import dev.realtime.socketio.spring.annotation.OnEvent
import dev.realtime.socketio.spring.handler.support.AckReturnValueHandler
import dev.realtime.socketio.spring.handler.support.ContinuationArgumentResolver
import dev.realtime.socketio.spring.handler.support.EventArgumentResolverComposite
import dev.realtime.socketio.spring.handler.support.EventHandlerMethod
import dev.realtime.socketio.spring.handler.support.EventReturnValueHandlerComposite
import dev.realtime.socketio.spring.handler.support.InvalidHandlerMethodException
import dev.realtime.socketio.spring.handler.support.InvocableEventMethod
import dev.realtime.socketio.spring.handler.support.PayloadArgumentResolver
import dev.realtime.socketio.spring.handler.support.ReactiveReturnValueHandler
import dev.realtime.socketio.spring.handler.support.VoidReturnValueHandler
import kotlinx.coroutines.Deferred
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatExceptionOfType
import org.junit.jupiter.api.Test
import tools.jackson.databind.json.JsonMapper
import java.util.concurrent.CompletableFuture

/** The startup checks of suspend handler methods. */
class SuspendHandlerModelTests {

	class Handlers {

		@OnEvent("value")
		suspend fun value(name: String): String = name

		@OnEvent("future")
		suspend fun future(): CompletableFuture<String> = CompletableFuture.completedFuture("x")

		@OnEvent("deferred")
		suspend fun deferred(): Deferred<String> = throw UnsupportedOperationException()

		@OnConnect
		suspend fun connectReply(): String = "nobody to reply to"

	}

	private fun create(name: String): InvocableEventMethod {
		val method = Handlers::class.java.declaredMethods.single { it.name == name }
		val mapper = JsonMapper.shared()
		return InvocableEventMethod(EventHandlerMethod(Handlers(), method),
				EventArgumentResolverComposite().addResolvers(listOf(ContinuationArgumentResolver(),
						PayloadArgumentResolver(mapper, null, true))),
				EventReturnValueHandlerComposite().addHandlers(listOf(VoidReturnValueHandler(),
						ReactiveReturnValueHandler(), AckReturnValueHandler())),
				null)
	}

	@Test
	fun suspendFunctionIsNotBlockingAndAnswersAcks() {
		val method = create("value")
		assertThat(method.isBlocking).isFalse()
		assertThat(method.answersAcks()).isTrue()
	}

	@Test
	fun suspendFunctionReturningAFutureFailsStartup() {
		for (name in listOf("future", "deferred")) {
			assertThatExceptionOfType(InvalidHandlerMethodException::class.java).isThrownBy { create(name) }
				.withMessageContaining("Unsupported return type")
				.withMessageContaining("suspend function")
		}
	}

	@Test
	fun suspendConnectHandlerCannotReply() {
		assertThatExceptionOfType(InvalidHandlerMethodException::class.java).isThrownBy { create("connectReply") }
			.withMessageContaining("only @OnEvent, @OnAnyEvent and @SocketIoExceptionHandler methods can reply")
	}

}
