package dev.realtime.socketio.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import dev.realtime.socketio.client.SocketIoConnectException;
import dev.realtime.socketio.sample.ChatHandler.Presence;
import dev.realtime.socketio.sample.ChatHandler.Receipt;
import dev.realtime.socketio.sample.ChatHandler.RoomState;
import dev.realtime.socketio.sample.ChatHandler.SendMessage;
import dev.realtime.socketio.spring.test.SocketIoTestClient;
import dev.realtime.socketio.spring.test.TestSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat's handler tested with the documented test API only ({@code docs/testing.md}):
 * the auto-configured {@link SocketIoTestClient}, nothing else.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatHandlerTests {

	@Autowired
	private SocketIoTestClient socketIo;

	@Test
	void messageIsAcknowledgedAndDeliveredToTheOthersInTheRoom() {
		TestSocket alice = connect("alice-h");
		TestSocket bob = connect("bob-h");
		RoomState joined = alice.emitWithAck("join", "Handlers").expectReply(RoomState.class);
		assertThat(joined.room()).isEqualTo("handlers");
		assertThat(joined.members()).containsExactly("alice-h");
		bob.emitWithAck("join", "handlers").expectReply(RoomState.class);

		Receipt receipt = alice.emitWithAck("message", new SendMessage("m-1", "handlers", " Hello Bob "))
			.expectReply(Receipt.class);

		assertThat(receipt.id()).isEqualTo("m-1");
		ChatMessage delivered = bob.expectEvent("message", ChatMessage.class);
		assertThat(delivered.from()).isEqualTo("alice-h");
		assertThat(delivered.text()).isEqualTo("Hello Bob");
		assertThat(delivered.at()).isEqualTo(receipt.at());
		assertThat(alice.received("message")).isEmpty();
	}

	@Test
	void theRoomSeesWhoComesAndGoes() {
		TestSocket alice = connect("alice-p");
		alice.emitWithAck("join", "presence").expectReply(RoomState.class);
		TestSocket bob = connect("bob-p");
		StepVerifier.create(alice.events("presence", Presence.class).map(Presence::members))
			.expectNext(List.of("alice-p"))
			.then(() -> bob.emitWithAck("join", "presence").expectReply(RoomState.class))
			.expectNext(List.of("alice-p", "bob-p"))
			.then(bob::disconnect)
			.expectNext(List.of("alice-p"))
			.thenCancel()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void writingToARoomNotJoinedIsAnsweredWithAnError() {
		TestSocket alice = connect("alice-e");
		ErrorReply reply = alice.emitWithAck("message", new SendMessage("m-2", "elsewhere", "hi"))
			.expectReply(ErrorReply.class);
		assertThat(reply.error()).isEqualTo("Join #elsewhere before writing there");
	}

	@Test
	void aSocketWithoutNicknameIsRefused() {
		SocketIoConnectException refusal = this.socketIo.namespace(ChatHandler.NAMESPACE)
			.auth(Map.of("nickname", " "))
			.expectRefusal();
		assertThat(refusal).hasMessage("Choose a nickname");
		assertThat(refusal.data(Map.class)).containsEntry("code", "nickname_missing");
	}

	private TestSocket connect(String nickname) {
		return this.socketIo.namespace(ChatHandler.NAMESPACE).auth(Map.of("nickname", nickname)).connect();
	}

	/**
	 * The ack of an event the chat refused ({@code @SocketIoExceptionHandler}).
	 *
	 * @param error the message
	 */
	record ErrorReply(String error) {
	}

}
