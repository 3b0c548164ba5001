package dev.realtime.socketio.spring.handler.support;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.socket.client.IO;
import io.socket.client.Socket;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.realtime.socketio.server.DisconnectReason;
import dev.realtime.socketio.server.Handshake;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.annotation.EventName;
import dev.realtime.socketio.spring.annotation.OnAnyEvent;
import dev.realtime.socketio.spring.annotation.OnConnect;
import dev.realtime.socketio.spring.annotation.OnDisconnect;
import dev.realtime.socketio.spring.annotation.OnEvent;
import dev.realtime.socketio.spring.annotation.Payload;
import dev.realtime.socketio.spring.annotation.SocketIoControllerAdvice;
import dev.realtime.socketio.spring.annotation.SocketIoExceptionHandler;
import dev.realtime.socketio.spring.annotation.SocketIoNamespace;
import dev.realtime.socketio.spring.auth.SocketIoConnectAuthorizer;
import dev.realtime.socketio.testsupport.JavaSocketIoClients;

import static dev.realtime.socketio.testsupport.JavaSocketIoClients.emitWithAck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for {@code @SocketIoNamespace} beans in a WebFlux application on a
 * random port, driven by the Java {@code socket.io-client}, with blocking handlers off
 * the event loop ({@code socketio.handler.execution=bounded-elastic}).
 */
@SpringBootTest(classes = SocketIoAnnotationIntegrationTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.level.dev.realtime.socketio.spring.handler.support.EventExceptionHandler=debug",
				"socketio.handler.execution=bounded-elastic" })
@ExtendWith(OutputCaptureExtension.class)
class SocketIoAnnotationIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Autowired
	private Recorder recorder;

	@RegisterExtension
	final JavaSocketIoClients clients = new JavaSocketIoClients();

	@AfterEach
	void releaseRecorder() {
		this.recorder.release();
	}

	@Test
	void typedRecordPayloadIsAcknowledgedWithReturnValue() throws Exception {
		Socket socket = connect("/chat");
		JSONObject receipt = (JSONObject) emitWithAck(socket, "message",
				new JSONObject(Map.of("text", "hello", "room", "lobby")));
		assertThat(receipt.getString("text")).isEqualTo("hello");
		assertThat(receipt.getString("room")).isEqualTo("lobby");
	}

	@Test
	void severalPayloadArgumentsAreResolvedByPosition() throws Exception {
		Socket socket = connect("/chat");
		assertThat(emitWithAck(socket, "sum", 20, 22)).isEqualTo(42);
	}

	@Test
	void binaryPayloadIsResolvedAsBytesAndRepliedAsBinary() throws Exception {
		Socket socket = connect("/chat");
		byte[] data = "binary data".getBytes(StandardCharsets.UTF_8);
		Object reply = emitWithAck(socket, "upload", "file.bin", data);
		assertThat(reply).isInstanceOf(byte[].class);
		assertThat(new String((byte[]) reply, StandardCharsets.UTF_8)).isEqualTo("file.bin:11");
	}

	@Test
	void monoValueIsTheAckReply() throws Exception {
		Socket socket = connect("/chat");
		assertThat(emitWithAck(socket, "shout", "quiet")).isEqualTo("QUIET");
	}

	@Test
	void fluxValuesAreCollectedIntoOneListReply() throws Exception {
		Socket socket = connect("/chat");
		JSONArray reply = (JSONArray) emitWithAck(socket, "count", 3);
		assertThat(reply.toString()).isEqualTo("[1,2,3]");
	}

	@Test
	void connectAndDisconnectHandlersRunWithTheReason() throws Exception {
		Socket socket = connect("/chat", "room=r1");
		String id = socket.id();
		await().atMost(TIMEOUT).until(() -> this.recorder.events(id).contains("connect:r1"));
		socket.disconnect();
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.recorder.disconnectReasons).containsEntry(id,
					DisconnectReason.CLIENT_NAMESPACE_DISCONNECT));
		// A String parameter still gets the reason, by its Node.js name.
		await().atMost(TIMEOUT)
			.untilAsserted(
					() -> assertThat(this.recorder.disconnects).containsEntry(id, "client namespace disconnect"));
	}

	@Test
	void catchAllSeesEveryEventWithItsName() throws Exception {
		Socket socket = connect("/chat");
		emitWithAck(socket, "sum", 1, 2);
		socket.emit("unmapped", "x");
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.recorder.events(socket.id())).contains("any:sum:1", "any:unmapped:x"));
	}

	@Test
	void invalidPayloadIsAnsweredWithValidationErrorAndSocketStaysConnected() throws Exception {
		Socket socket = connect("/chat");
		JSONObject reply = (JSONObject) emitWithAck(socket, "message",
				new JSONObject(Map.of("text", " ", "room", "lobby")));
		assertThat(reply.getString("error")).isEqualTo("validation failed");
		assertThat(reply.getString("message")).isEqualTo("argument 0 of event 'message' is invalid");
		JSONObject violation = reply.getJSONArray("violations").getJSONObject(0);
		assertThat(violation.getString("field")).isEqualTo("text");
		assertThat(violation.getString("message")).isEqualTo("must not be blank");
		assertThat(this.recorder.events(socket.id())).doesNotContain("message: ");
		assertThat(emitWithAck(socket, "sum", 1, 1)).isEqualTo(2);
	}

	@Test
	void exceptionHandlerOfTheBeanReplies() throws Exception {
		Socket socket = connect("/chat");
		JSONObject reply = (JSONObject) emitWithAck(socket, "fail", "oops");
		assertThat(reply.getString("handled")).isEqualTo("bad text: oops");
		assertThat(socket.connected()).isTrue();
	}

	@Test
	void exceptionHandlerOfTheAdviceReplies() throws Exception {
		Socket socket = connect("/chat");
		JSONObject reply = (JSONObject) emitWithAck(socket, "unsupported");
		assertThat(reply.getString("advice")).isEqualTo("not yet");
		assertThat(reply.getString("event")).isEqualTo("unsupported");
	}

	@Test
	void unhandledExceptionIsAnsweredWithErrorObjectWithoutItsMessage() throws Exception {
		Socket socket = connect("/chat");
		JSONObject reply = (JSONObject) emitWithAck(socket, "crash");
		assertThat(reply.getString("error")).isEqualTo("internal error");
		assertThat(reply.getString("message")).isEqualTo("event 'crash' could not be handled");
		assertThat(reply.toString()).doesNotContain("kaboom");
		assertThat(emitWithAck(socket, "sum", 2, 2)).isEqualTo(4);
	}

	@Test
	void unreadablePayloadIsAnsweredWithoutInternalsAndLoggedWithTheSocketId(CapturedOutput output) throws Exception {
		Socket socket = connect("/chat");
		JSONObject reply = (JSONObject) emitWithAck(socket, "message", "not an object");
		assertThat(reply.getString("error")).isEqualTo("invalid payload");
		assertThat(reply.getString("message")).isEqualTo("argument 0 of event 'message' cannot be read");
		assertThat(reply.length()).isEqualTo(2);
		assertThat(output).contains("Invalid payload for ")
			.contains(socket.id())
			.contains("cannot be read as " + ChatMessage.class.getTypeName() + ": Cannot construct");
		assertThat(emitWithAck(socket, "sum", 3, 4)).isEqualTo(7);
	}

	@Test
	void missingPayloadIsAnsweredWithTheArgument() throws Exception {
		Socket socket = connect("/chat");
		JSONObject reply = (JSONObject) emitWithAck(socket, "sum", 1);
		assertThat(reply.getString("error")).isEqualTo("invalid payload");
		assertThat(reply.getString("message")).isEqualTo("argument 1 of event 'sum' is missing");
	}

	@Test
	void catchAllHandlerAnswersTheAck() throws Exception {
		Socket socket = connect("/echo");
		assertThat(emitWithAck(socket, "shout", "hello")).isEqualTo("shout:hello");
		assertThat(emitWithAck(socket, "whisper", "psst")).isEqualTo("whisper:psst");
	}

	@Test
	void dynamicNamespaceByPattern() throws Exception {
		Socket socket = connect("/room-42");
		assertThat(emitWithAck(socket, "where")).isEqualTo("/room-42");
	}

	@Test
	void principalOfTheConnectionIsResolved() throws Exception {
		IO.Options options = options(null);
		options.auth = Map.of("user", "alice");
		Socket socket = connect("/chat", options);
		assertThat(emitWithAck(socket, "whoami")).isEqualTo("alice");
	}

	@Test
	void blockingHandlersRunOffTheEventLoopAndReactiveOnesOnIt() throws Exception {
		Socket socket = connect("/chat");
		assertThat(emitWithAck(socket, "blocking-on-event-loop")).isEqualTo(false);
		assertThat(emitWithAck(socket, "reactive-on-event-loop")).isEqualTo(true);
	}

	@Test
	void blockingHandlerDoesNotStallOtherSocketsAndKeepsItsSocketInOrder() throws Exception {
		Socket a = connect("/chat");
		Socket b = connect("/chat");
		List<String> repliesOfA = new CopyOnWriteArrayList<>();
		a.emit("block", new Object[] { "first" }, (args) -> repliesOfA.add(String.valueOf(args[0])));
		await().atMost(TIMEOUT).until(() -> this.recorder.events(a.id()).contains("blocking:first"));
		a.emit("record", new Object[] { "second" }, (args) -> repliesOfA.add(String.valueOf(args[0])));
		a.emit("shout", new Object[] { "third" }, (args) -> repliesOfA.add(String.valueOf(args[0])));
		assertThat(emitWithAck(b, "record", "other socket")).isEqualTo("other socket");
		assertThat(this.recorder.events(a.id())).doesNotContain("record:second");
		assertThat(repliesOfA).isEmpty();
		this.recorder.release();
		await().atMost(TIMEOUT).until(() -> repliesOfA.size() == 3);
		assertThat(repliesOfA).containsExactly("first", "second", "THIRD");
	}

	@Test
	void eventsOfOneSocketAreHandledInArrivalOrder() throws Exception {
		Socket socket = connect("/chat");
		for (int i = 0; i < 50; i++) {
			socket.emit("record", String.valueOf(i));
		}
		Object last = emitWithAck(socket, "record", "done");
		assertThat(last).isEqualTo("done");
		List<String> recorded = this.recorder.events(socket.id())
			.stream()
			.filter((event) -> event.startsWith("record:"))
			.toList();
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			expected.add("record:" + i);
		}
		expected.add("record:done");
		assertThat(recorded).isEqualTo(expected);
	}

	private Socket connect(String namespace) {
		return connect(namespace, options(null));
	}

	private Socket connect(String namespace, String query) {
		return connect(namespace, options(query));
	}

	private Socket connect(String namespace, IO.Options options) {
		return this.clients.connect("http://localhost:" + this.port + namespace, options);
	}

	private static IO.Options options(String query) {
		IO.Options options = JavaSocketIoClients.options();
		options.query = query;
		return options;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ Recorder.class, ChatNamespace.class, RoomNamespace.class, EchoNamespace.class, ChatAdvice.class })
	static class TestApplication {

		@Bean
		SocketIoConnectAuthorizer userAuthorizer() {
			return (socket) -> {
				String user = socket.handshake().auth().path("user").asString();
				return user.isEmpty() ? Mono.empty() : Mono.just((Principal) () -> user);
			};
		}

	}

	record ChatMessage(@NotBlank String text, @Size(max = 20) String room) {
	}

	record Receipt(String text, String room) {
	}

	static class Recorder {

		final Map<String, List<String>> events = new ConcurrentHashMap<>();

		final Map<String, String> disconnects = new ConcurrentHashMap<>();

		final Map<String, DisconnectReason> disconnectReasons = new ConcurrentHashMap<>();

		private volatile CountDownLatch latch = new CountDownLatch(1);

		void add(SocketIoSocket socket, String event) {
			this.events.computeIfAbsent(socket.id(), (id) -> new CopyOnWriteArrayList<>()).add(event);
		}

		List<String> events(String id) {
			return this.events.getOrDefault(id, List.of());
		}

		void await() throws InterruptedException {
			this.latch.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}

		void release() {
			this.latch.countDown();
			this.latch = new CountDownLatch(1);
		}

	}

	@SocketIoNamespace("/chat")
	static class ChatNamespace {

		private final Recorder recorder;

		ChatNamespace(Recorder recorder) {
			this.recorder = recorder;
		}

		@OnConnect
		void joined(SocketIoSocket socket, Handshake handshake) {
			String room = handshake.queryParam("room");
			if (room != null) {
				socket.join(room);
			}
			this.recorder.add(socket, "connect:" + room);
		}

		@OnDisconnect
		void left(SocketIoSocket socket, String reason) {
			this.recorder.disconnects.put(socket.id(), reason);
		}

		@OnDisconnect
		void leftFor(DisconnectReason reason, SocketIoSocket socket) {
			this.recorder.disconnectReasons.put(socket.id(), reason);
		}

		@OnAnyEvent
		void any(SocketIoSocket socket, @EventName String event, @Payload(required = false) String first) {
			this.recorder.add(socket, "any:" + event + ((first != null) ? ":" + first : ""));
		}

		@OnEvent("message")
		Receipt message(SocketIoSocket socket, @Valid ChatMessage message) {
			this.recorder.add(socket, "message:" + message.text());
			socket.to(message.room()).emit("message", message);
			return new Receipt(message.text(), message.room());
		}

		@OnEvent("sum")
		int sum(int a, int b) {
			return a + b;
		}

		@OnEvent("upload")
		byte[] upload(String name, byte[] data) {
			return (name + ":" + data.length).getBytes(StandardCharsets.UTF_8);
		}

		@OnEvent("shout")
		Mono<String> shout(String text) {
			return Mono.just(text.toUpperCase());
		}

		@OnEvent("count")
		Flux<Integer> count(int count) {
			return Flux.range(1, count);
		}

		@OnEvent("fail")
		String fail(String text) {
			throw new IllegalArgumentException("bad text: " + text);
		}

		@OnEvent("unsupported")
		String unsupported() {
			throw new UnsupportedOperationException("not yet");
		}

		@OnEvent("crash")
		String crash() {
			throw new IllegalStateException("kaboom");
		}

		@OnEvent("whoami")
		String whoami(Principal principal) {
			return principal.getName();
		}

		@OnEvent("blocking-on-event-loop")
		boolean blockingOnEventLoop() {
			return Schedulers.isInNonBlockingThread();
		}

		@OnEvent("reactive-on-event-loop")
		Mono<Boolean> reactiveOnEventLoop() {
			return Mono.fromSupplier(Schedulers::isInNonBlockingThread);
		}

		@OnEvent("block")
		String block(SocketIoSocket socket, String text) throws InterruptedException {
			this.recorder.add(socket, "blocking:" + text);
			this.recorder.await();
			return text;
		}

		@OnEvent("record")
		String record(SocketIoSocket socket, String text) {
			this.recorder.add(socket, "record:" + text);
			return text;
		}

		@SocketIoExceptionHandler
		Map<String, String> badArgument(IllegalArgumentException ex) {
			return Map.of("handled", ex.getMessage());
		}

	}

	@SocketIoNamespace(pattern = "^/room-\\d+$")
	static class RoomNamespace {

		@OnEvent("where")
		String where(Namespace namespace) {
			return namespace.name();
		}

	}

	@SocketIoNamespace("/echo")
	static class EchoNamespace {

		@OnAnyEvent
		String any(@EventName String event, @Payload String text) {
			return event + ":" + text;
		}

	}

	@SocketIoControllerAdvice
	static class ChatAdvice {

		@SocketIoExceptionHandler
		Mono<Map<String, String>> unsupported(UnsupportedOperationException ex, @EventName String event) {
			return Mono.just(Map.of("advice", ex.getMessage(), "event", event));
		}

	}

}
