package dev.realtime.socketio.spring.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import dev.realtime.socketio.client.ConnectionEvent;
import dev.realtime.socketio.client.SocketIoConnectException;
import dev.realtime.socketio.client.Transport;
import dev.realtime.socketio.spring.test.GreetingApplication.Greeting;
import dev.realtime.socketio.spring.test.GreetingApplication.GreetRequest;
import dev.realtime.socketio.spring.test.GreetingApplication.Shout;
import dev.realtime.socketio.spring.test.GreetingApplication.Welcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auto-configured {@link SocketIoTestClient} against {@link GreetingApplication} on a
 * random port, with a snake_case {@code JsonMapper} so that a payload only reads right
 * through the application's mapper.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "socketio.path=/realtime/", "spring.jackson.property-naming-strategy=SNAKE_CASE" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SocketIoTestClientTests {

	private static TestSocket fromPreviousTest;

	@Autowired
	private SocketIoTestClient socketIo;

	@Test
	@Order(1)
	void connectsToTheApplicationsPortAndPathWithItsJsonMapper() {
		TestSocket alice = this.socketIo.namespace("/greet").auth(Map.of("name", "alice")).connect();
		Welcome welcome = alice.expectEvent("welcome", Welcome.class);
		assertThat(welcome.userName()).isEqualTo("alice");
		assertThat(welcome.socketId()).isEqualTo(alice.id());
		assertThat(alice.received("welcome").get(0).args().get(0).has("user_name")).isTrue();
		assertThat(this.socketIo.uri().getPort()).isPositive();
		fromPreviousTest = alice;
	}

	@Test
	@Order(2)
	void closesTheConnectionsOfTheTestBefore() {
		assertThat(fromPreviousTest).isNotNull();
		assertThat(fromPreviousTest.socket().connected()).isFalse();
	}

	@Test
	void emitsAndReadsTheAckAsAType() {
		TestSocket bob = this.socketIo.namespace("/greet").auth(Map.of("name", "bob")).connect();
		Greeting greeting = bob.emitWithAck("greet", new GreetRequest("carol")).expectReply(Greeting.class);
		assertThat(greeting).isEqualTo(new Greeting("Hello carol, from bob"));
		StepVerifier.create(bob.emitWithAck("greet", new GreetRequest("dave")).reply(Greeting.class))
			.expectNext(new Greeting("Hello dave, from bob"))
			.verifyComplete();
	}

	@Test
	void expectsAnEventInARoom() {
		TestSocket alice = this.socketIo.namespace("/greet").auth(Map.of("name", "alice")).connect();
		TestSocket bob = this.socketIo.namespace("/greet").auth(Map.of("name", "bob")).connect();
		assertThat(alice.emitWithAck("join", "lobby").expectReply(String.class)).isEqualTo("lobby");
		assertThat(bob.emitWithAck("join", "lobby").expectReply(String.class)).isEqualTo("lobby");
		alice.emit("shout", new Shout("lobby", "hi"));
		assertThat(bob.expectEvent("shout", Shout.class)).isEqualTo(new Shout("lobby", "alice: hi"));
		StepVerifier.create(bob.events("shout", Shout.class))
			.expectNext(new Shout("lobby", "alice: hi"))
			.then(() -> alice.emit("shout", new Shout("lobby", "again")))
			.expectNext(new Shout("lobby", "alice: again"))
			.thenCancel()
			.verify(Duration.ofSeconds(10));
		// The sender is not in its own socket.to(room): what bob saw, alice did not
		assertThat(alice.emitWithAck("join", "lobby").expectReply(String.class)).isEqualTo("lobby");
		assertThat(alice.received("shout")).isEmpty();
	}

	@Test
	void expectsARefusalWithItsMessageAndData() {
		SocketIoConnectException refusal = this.socketIo.namespace("/greet").auth(Map.of()).expectRefusal();
		assertThat(refusal).hasMessage("Who are you?");
		assertThat(refusal.data(Map.class)).containsEntry("code", "anonymous");
	}

	@Test
	void failsClearlyWhenAnExpectationIsNotMet() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.socketIo.namespace("/greet").auth(Map.of()).connect())
			.withMessageContaining("Expected /greet to connect, but it was refused: \"Who are you?\"");
		TestSocket alice = this.socketIo.namespace("/greet").auth(Map.of("name", "alice")).connect();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.socketIo.namespace("/greet").auth(Map.of("name", "bob")).expectRefusal())
			.withMessageContaining("Expected /greet to be refused, but it connected");
		alice.disconnect();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> alice.expectEvent("never"))
			.withMessageContaining("Expected event 'never' on /greet")
			.withMessageContaining("welcome");
	}

	@Test
	void sendsBinaryOverPollingUpgradedToWebSocket() {
		TestSocket alice = this.socketIo.namespace("/greet")
			.auth(Map.of("name", "alice"))
			.transports(Transport.POLLING, Transport.WEBSOCKET)
			.connect();
		assertThat(alice.emitWithAck("photo", (Object) new byte[] { 1, 2, 3 }).expectReply(byte[].class))
			.containsExactly(3, 2, 1);
	}

	@Test
	void seesTheServerDisconnectIt() {
		TestSocket alice = this.socketIo.namespace("/greet").auth(Map.of("name", "alice")).connect();
		alice.emit("kick-me");
		assertThat(alice.expectDisconnect()).isEqualTo(ConnectionEvent.SERVER_DISCONNECT);
		assertThat(alice.received("welcome")).hasSize(1);
		assertThat(List.of(alice.socket().connected())).containsExactly(false);
	}

}
