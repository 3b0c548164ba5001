package dev.realtime.socketio.kotlin

import dev.realtime.socketio.contract.SocketIoContractReader
import dev.realtime.socketio.kotlincontract.UnitHandlers
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.core.ResolvableType

/** The contract (AsyncAPI, TypeScript) of suspend handlers: no Continuation argument, the value as the reply. */
class SuspendHandlersContractTests {

	private val events = SocketIoContractReader().read(listOf(SuspendHandlers::class.java))
		.namespaces()
		.single()
		.clientEvents()
		.associateBy { it.name() }

	@Test
	fun suspendFunctionArgumentsAndReply() {
		val greet = events.getValue("greet")
		assertThat(greet.arguments().map { it.name() }).containsExactly("name")
		assertThat(greet.ack()!!.type()).isEqualTo(Greeting::class.java)
	}

	@Test
	fun flowReplyIsAList() {
		val count = events.getValue("count")
		assertThat(ResolvableType.forType(count.ack()!!.type()).toString()).isEqualTo("java.util.List<java.lang.Integer>")
		val labels = events.getValue("labels")
		assertThat(labels.arguments().map { it.name() }).containsExactly("n")
	}

	@Test
	fun suspendFunctionReturningUnitHasNoReply() {
		val touch = SocketIoContractReader().read(listOf(UnitHandlers::class.java)).namespaces().single().clientEvents()
			.single()
		assertThat(touch.arguments().map { it.name() }).containsExactly("id")
		assertThat(touch.ack()).isNull()
	}

}
