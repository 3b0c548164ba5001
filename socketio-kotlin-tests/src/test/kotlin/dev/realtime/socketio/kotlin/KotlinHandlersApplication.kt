package dev.realtime.socketio.kotlin

import dev.realtime.socketio.server.SocketIoSocket
import dev.realtime.socketio.spring.annotation.EventName
import dev.realtime.socketio.spring.annotation.OnAnyEvent
import dev.realtime.socketio.spring.annotation.OnConnect
import dev.realtime.socketio.spring.annotation.OnDisconnect
import dev.realtime.socketio.spring.annotation.OnEvent
import dev.realtime.socketio.spring.annotation.SocketIoExceptionHandler
import dev.realtime.socketio.spring.annotation.SocketIoNamespace
import jakarta.validation.Valid
import jakarta.validation.constraints.NotBlank
import jakarta.validation.constraints.Size
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.map
import org.springframework.boot.autoconfigure.SpringBootApplication
import org.springframework.stereotype.Component
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CompletableFuture

/** A Kotlin application on the starter: suspend handlers, Flow returns, data class payloads. */
@SpringBootApplication
class KotlinHandlersApplication

data class Greeting(val text: String, val thread: String)

/** A payload with a non-null field, a nullable one and defaults. */
data class Profile(
	@field:NotBlank val name: String,
	val nickname: String? = null,
	@field:Size(max = 3) val tags: List<String> = emptyList(),
)

data class ProfileSummary(val display: String, val nickname: String?, val tagCount: Int)

data class Welcome(val socketId: String)

class QuotaExceededException(val limit: Int) : RuntimeException("quota of $limit exceeded")

/** Gates a suspended handler waits on until another event opens them. */
@Component
class Gates {

	private val gates = ConcurrentHashMap<String, CompletableDeferred<String>>()

	fun gate(key: String): CompletableDeferred<String> = gates.computeIfAbsent(key) { CompletableDeferred() }

}

/** What the lifecycle handlers saw, for the tests to wait on. */
@Component
class Lifecycle {

	private val disconnects = ConcurrentHashMap<String, CompletableFuture<String>>()

	private val firstEvents = ConcurrentHashMap<String, CompletableFuture<String>>()

	/** The name of the first event of a socket that the `@OnAnyEvent` handler saw. */
	fun firstEvent(socketId: String): CompletableFuture<String> =
		firstEvents.computeIfAbsent(socketId) { CompletableFuture() }

	/** The disconnect reason of a socket, once its `@OnDisconnect` handler has run. */
	fun disconnect(socketId: String): CompletableFuture<String> =
		disconnects.computeIfAbsent(socketId) { CompletableFuture() }

}

@SocketIoNamespace("/kotlin")
class SuspendHandlers(private val gates: Gates, private val lifecycle: Lifecycle) {

	@OnConnect
	suspend fun connected(socket: SocketIoSocket) {
		delay(5)
		socket.emit("welcome", Welcome(socket.id()))
	}

	@OnDisconnect
	suspend fun disconnected(socket: SocketIoSocket, reason: String) {
		delay(5)
		lifecycle.disconnect(socket.id()).complete(reason)
	}

	@OnAnyEvent
	suspend fun any(socket: SocketIoSocket, @EventName event: String) {
		delay(1)
		lifecycle.firstEvent(socket.id()).complete(event)
	}

	// The return value of a suspend fun is the ack reply.
	@OnEvent("greet")
	suspend fun greet(name: String): Greeting = Greeting("Hello $name", Thread.currentThread().name)

	@OnEvent("later")
	suspend fun later(name: String): Greeting {
		delay(20)
		return Greeting("Hello $name, later", Thread.currentThread().name)
	}

	// Suspends until an "open" event of the same socket (or any other) completes the gate.
	@OnEvent("wait")
	suspend fun wait(key: String): String = "opened with " + gates.gate(key).await()

	@OnEvent("open")
	fun open(key: String, value: String): Boolean = gates.gate(key).complete(value)

	// A Flow is collected: its elements, in order, are one list, the ack reply.
	@OnEvent("count")
	fun count(n: Int): Flow<Int> = flow {
		for (i in 1..n) {
			delay(1)
			emit(i)
		}
	}

	@OnEvent("labels")
	suspend fun labels(n: Int): Flow<String> {
		delay(1)
		return (1..n).asFlow().map { "#$it" }
	}

	@OnEvent("broken")
	fun broken(): Flow<Int> = flow {
		emit(1)
		throw IllegalStateException("the second element failed")
	}

	// A Kotlin default value applies when the argument is absent.
	@OnEvent("repeat")
	suspend fun repeat(text: String, times: Int = 2): String = text.repeat(times)

	@OnEvent("profile")
	suspend fun profile(@Valid profile: Profile): ProfileSummary {
		delay(1)
		return ProfileSummary("${profile.name} (${profile.nickname ?: "no nickname"})", profile.nickname,
				profile.tags.size)
	}

	// A nullable parameter is optional: no argument gives null.
	@OnEvent("echo")
	suspend fun echo(text: String?): String = text ?: "nothing"

	@OnEvent("fail")
	suspend fun fail(reason: String): String {
		delay(1)
		throw IllegalStateException("boom: $reason")
	}

	@OnEvent("spend")
	suspend fun spend(amount: Int): Int {
		delay(1)
		throw QuotaExceededException(3)
	}

	@SocketIoExceptionHandler
	suspend fun quotaExceeded(ex: QuotaExceededException): Map<String, Any> {
		delay(1)
		return mapOf("error" to "quota", "limit" to ex.limit)
	}

}
