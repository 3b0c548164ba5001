package dev.realtime.socketio.kotlin

import dev.realtime.socketio.server.SocketIoServer
import dev.realtime.socketio.spring.test.SocketIoTestClient
import dev.realtime.socketio.spring.test.TestSocket
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment
import tools.jackson.databind.json.JsonMapper
import tools.jackson.module.kotlin.KotlinModule
import java.util.concurrent.TimeUnit

/**
 * Kotlin handlers of [SuspendHandlers], driven by the Java client of `socketio-client`
 * (through [SocketIoTestClient]) over a real connection on a random port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SuspendHandlersTests {

	@Autowired
	lateinit var socketIo: SocketIoTestClient

	@Autowired
	lateinit var lifecycle: Lifecycle

	@Autowired
	lateinit var jsonMapper: JsonMapper

	@Autowired
	lateinit var server: SocketIoServer

	private fun connect(): TestSocket = socketIo.namespace("/kotlin").connect()

	@Test
	fun suspendFunctionReturnValueIsTheAckReply() {
		val socket = connect()
		val greeting = socket.emitWithAck("greet", "kotlin").expectReply(Greeting::class.java)!!
		assertThat(greeting.text).isEqualTo("Hello kotlin")
		// Not a blocking handler: it was not sent to the bounded-elastic worker.
		assertThat(greeting.thread).doesNotStartWith("boundedElastic")
	}

	@Test
	fun suspendFunctionThatDelaysRepliesWhenItResumes() {
		val socket = connect()
		val greeting = socket.emitWithAck("later", "kotlin").expectReply(Greeting::class.java)!!
		assertThat(greeting.text).isEqualTo("Hello kotlin, later")
	}

	@Test
	fun suspendedHandlerDoesNotHoldUpTheSocketsLaterEvents() {
		val socket = connect()
		val waiting = socket.emitWithAck("wait", "g1").reply(String::class.java).toFuture()
		// Handled while "wait" is suspended, and what resumes it.
		assertThat(socket.emitWithAck("open", "g1", "v1").expectReply(Boolean::class.java)).isTrue()
		assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo("opened with v1")
	}

	@Test
	fun flowIsCollectedIntoOneListReply() {
		val socket = connect()
		assertThat(socket.emitWithAck("count", 4).expectReplyArgs().single().toString()).isEqualTo("[1,2,3,4]")
		assertThat(socket.emitWithAck("labels", 2).expectReplyArgs().single().toString())
			.isEqualTo("[\"#1\",\"#2\"]")
		assertThat(socket.emitWithAck("count", 0).expectReplyArgs().single().toString()).isEqualTo("[]")
	}

	@Test
	fun flowThatFailsGetsTheErrorReply() {
		val socket = connect()
		val reply = socket.emitWithAck("broken").expectReplyArgs().single()
		assertThat(reply.path("error").asString()).isEqualTo("internal error")
	}

	@Test
	fun kotlinDefaultParameterValueAppliesWhenTheArgumentIsAbsent() {
		val socket = connect()
		assertThat(socket.emitWithAck("repeat", "ab").expectReply(String::class.java)).isEqualTo("abab")
		assertThat(socket.emitWithAck("repeat", "ab", 3).expectReply(String::class.java)).isEqualTo("ababab")
	}

	@Test
	fun dataClassPayloadWithNullableAndDefaultFields() {
		val socket = connect()
		val bare = socket.emitWithAck("profile", mapOf("name" to "Ada")).expectReply(ProfileSummary::class.java)
		assertThat(bare).isEqualTo(ProfileSummary("Ada (no nickname)", null, 0))
		val full = socket.emitWithAck("profile", Profile("Ada", "countess", listOf("math", "engines")))
			.expectReply(ProfileSummary::class.java)
		assertThat(full).isEqualTo(ProfileSummary("Ada (countess)", "countess", 2))
	}

	@Test
	fun missingNonNullFieldIsAnInvalidPayloadReplyNamingTheField() {
		val socket = connect()
		val reply = socket.emitWithAck("profile", mapOf("nickname" to "countess")).expectReplyArgs().single()
		assertThat(reply.path("error").asString()).isEqualTo("invalid payload")
		assertThat(reply.path("message").asString()).isEqualTo("argument 0 of event 'profile' cannot be read")
		assertThat(reply.path("field").asString()).isEqualTo("name")
		val nullName = socket.emitWithAck("profile", mapOf("name" to null)).expectReplyArgs().single()
		assertThat(nullName.path("field").asString()).isEqualTo("name")
		// The socket stays connected.
		assertThat(socket.emitWithAck("greet", "again").expectReply(Greeting::class.java)!!.text)
			.isEqualTo("Hello again")
	}

	@Test
	fun beanValidationOfDataClassFields() {
		val socket = connect()
		val reply = socket.emitWithAck("profile", Profile(" ", tags = listOf("a", "b", "c", "d")))
			.expectReplyArgs()
			.single()
		assertThat(reply.path("error").asString()).isEqualTo("validation failed")
		val violations = reply.path("violations")
		val fields = (0 until violations.size()).map { violations.get(it).path("field").asString() }
		assertThat(fields).containsExactlyInAnyOrder("name", "tags")
	}

	@Test
	fun nullableParameterIsOptional() {
		val socket = connect()
		assertThat(socket.emitWithAck("echo").expectReply(String::class.java)).isEqualTo("nothing")
		assertThat(socket.emitWithAck("echo", "hi").expectReply(String::class.java)).isEqualTo("hi")
	}

	@Test
	fun suspendFunctionThatThrowsGetsTheInternalErrorReply() {
		val socket = connect()
		val reply = socket.emitWithAck("fail", "x").expectReplyArgs().single()
		assertThat(reply.path("error").asString()).isEqualTo("internal error")
		assertThat(reply.path("message").asString()).isEqualTo("event 'fail' could not be handled")
		assertThat(socket.emitWithAck("greet", "still here").expectReply(Greeting::class.java)!!.text)
			.isEqualTo("Hello still here")
	}

	@Test
	fun suspendExceptionHandlerAnswersForTheFailedEvent() {
		val socket = connect()
		val reply = socket.emitWithAck("spend", 5).expectReplyArgs().single()
		assertThat(reply.toString()).isEqualTo("{\"error\":\"quota\",\"limit\":3}")
	}

	@Test
	fun suspendLifecycleHandlers() {
		val socket = connect()
		val welcome = socket.expectEvent("welcome", Welcome::class.java)
		assertThat(welcome.socketId).isEqualTo(socket.id())
		val id = socket.id()
		socket.disconnect()
		assertThat(lifecycle.disconnect(id!!).get(10, TimeUnit.SECONDS)).isEqualTo("client namespace disconnect")
	}

	@Test
	fun suspendCatchAllHandlerSeesEveryEvent() {
		val socket = connect()
		assertThat(socket.emitWithAck("echo", "hi").expectReply(String::class.java)).isEqualTo("hi")
		assertThat(lifecycle.firstEvent(socket.id()!!).get(10, TimeUnit.SECONDS)).isEqualTo("echo")
	}

	@Test
	fun payloadsUseBootsJsonMapperWithTheKotlinModule() {
		assertThat(jsonMapper.registeredModules()).anyMatch { it is KotlinModule }
		assertThat(server.options().jsonMapper()).isSameAs(jsonMapper)
	}

}
