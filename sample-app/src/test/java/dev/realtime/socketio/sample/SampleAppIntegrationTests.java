package dev.realtime.socketio.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.auth.SocketIoPrincipal;
import dev.realtime.socketio.spring.core.SocketIoTemplate;
import dev.realtime.socketio.testsupport.JavaSocketIoClients;
import dev.realtime.socketio.testsupport.SocketIoNodeDriver;

import static dev.realtime.socketio.testsupport.JavaSocketIoClients.emitWithAck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives the sample chat with the Java {@code socket.io-client}, as the page does, and
 * with the npm {@code socket.io-client} where connection state recovery needs a client
 * that supports it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleAppIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final AtomicInteger names = new AtomicInteger();

	@LocalServerPort
	private int port;

	@Autowired
	private SocketIoTemplate template;

	@RegisterExtension
	final JavaSocketIoClients clients = new JavaSocketIoClients();

	@Test
	void emptyNicknameIsRefused() throws Exception {
		JSONObject error = refusal(Map.of("nickname", "  ", "clientId", "tab-1"));
		assertThat(error.getString("message")).isEqualTo("Choose a nickname");
		assertThat(error.getJSONObject("data").getString("code")).isEqualTo("nickname_missing");
	}

	@Test
	void malformedNicknameIsRefused() throws Exception {
		JSONObject error = refusal(Map.of("nickname", "<script>", "clientId", "tab-1"));
		assertThat(error.getJSONObject("data").getString("code")).isEqualTo("nickname_invalid");
	}

	@Test
	void nicknameTakenByAnotherTabIsRefusedIgnoringCase() throws Exception {
		String nickname = nickname();
		connect(nickname, "tab-1");
		JSONObject error = refusal(Map.of("nickname", nickname.toUpperCase(), "clientId", "tab-2"));
		assertThat(error.getString("message")).isEqualTo("The nickname '" + nickname + "' is taken");
		assertThat(error.getJSONObject("data").getString("code")).isEqualTo("nickname_taken");
	}

	@Test
	void nicknameIsFreeAgainOnceItsSocketLeft() throws Exception {
		String nickname = nickname();
		Socket first = connect(nickname, "tab-1");
		first.disconnect();
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(tryConnect(nickname, "tab-2")).isTrue());
	}

	@Test
	void sameTabGetsItsNicknameBackAndItsOldSocketIsDisconnected() throws Exception {
		String nickname = nickname();
		Socket old = connect(nickname, "tab-1");
		Socket again = connect(nickname, "tab-1");
		assertThat(again.connected()).isTrue();
		await().atMost(TIMEOUT).until(() -> !old.connected());
	}

	@Test
	void joiningRoomRepliesWithMembersAndHistoryAndTellsTheRoom() throws Exception {
		String room = room();
		Socket alice = connect("alice-" + room, "a");
		Socket bob = connect("bob-" + room, "b");
		JSONObject joined = (JSONObject) emitWithAck(alice, "join", room.toUpperCase());
		assertThat(joined.getString("room")).isEqualTo(room);
		assertThat(list(joined.getJSONArray("members"))).containsExactly("alice-" + room);
		assertThat(joined.getJSONArray("history").length()).isZero();
		BlockingQueue<JSONObject> presence = listen(alice, "presence");
		emitWithAck(bob, "join", room);
		JSONObject update = next(presence);
		assertThat(update.getString("room")).isEqualTo(room);
		assertThat(list(update.getJSONArray("members"))).containsExactly("alice-" + room, "bob-" + room);
		emitWithAck(bob, "leave", room);
		assertThat(list(next(presence).getJSONArray("members"))).containsExactly("alice-" + room);
	}

	@Test
	void presenceIsUpdatedWhenSomeoneDisconnects() throws Exception {
		String room = room();
		AliceAndBob chat = aliceAndBobIn(room);
		BlockingQueue<JSONObject> presence = chat.presence();
		// Bob's join is announced separately from his ack: wait for it, so it cannot be
		// taken for the update after his disconnection.
		assertThat(list(next(presence).getJSONArray("members"))).containsExactly("alice-" + room, "bob-" + room);
		chat.bob().disconnect();
		assertThat(list(next(presence).getJSONArray("members"))).containsExactly("alice-" + room);
	}

	@Test
	void droppedSocketKeepsItsNicknameForTheRecoveryWindow() throws Exception {
		String room = room();
		BlockingQueue<JSONObject> presence = aliceAndBobIn(room).presence();
		next(presence);
		closeTransport("bob-" + room);
		// The disconnect handler has run once the room was told Bob left.
		assertThat(list(next(presence).getJSONArray("members"))).containsExactly("alice-" + room);
		JSONObject error = refusal(Map.of("nickname", "bob-" + room, "clientId", "someone-else"));
		assertThat(error.getJSONObject("data").getString("code")).isEqualTo("nickname_taken");
		// Bob's own tab may take it back without recovering (after a reload, say).
		assertThat(tryConnect("bob-" + room, "b")).isTrue();
	}

	@Test
	void droppedPageIsRecoveredWithItsNicknameRoomsAndMissedMessages() throws Exception {
		String room = room();
		String bob = "bob-" + room;
		Socket alice = connect("alice-" + room, "a");
		emitWithAck(alice, "join", room);
		BlockingQueue<JSONObject> presence = listen(alice, "presence");
		try (SocketIoNodeDriver page = SocketIoNodeDriver.start()) {
			// The npm client: it sends its session id and offset back when reconnecting.
			page.connect("bob", "http://127.0.0.1:" + this.port + ChatHandler.NAMESPACE,
					Map.of("auth", Map.of("nickname", bob, "clientId", "b"), "transports", List.of("websocket"),
							"reconnection", false));
			String sid = page.await("bob", "connect").path("sid").asString();
			page.emitWithAck("bob", "join", "join", room);
			page.awaitAck("bob", "join");
			assertThat(list(next(presence).getJSONArray("members"))).containsExactly("alice-" + room, bob);

			closeTransport(bob);
			assertThat(page.await("bob", "disconnect").path("reason").asString()).isEqualTo("transport close");
			assertThat(list(next(presence).getJSONArray("members"))).containsExactly("alice-" + room);
			for (int i = 1; i <= 3; i++) {
				emitWithAck(alice, "message",
						new JSONObject(Map.of("id", "m" + i, "room", room, "text", "missed " + i)));
			}
			page.run("bob", "connectAgain");

			JsonNode again = page.await("bob", "connect");
			assertThat(again.path("recovered").asBoolean()).isTrue();
			assertThat(again.path("sid").asString()).isEqualTo(sid);
			for (int i = 1; i <= 3; i++) {
				assertThat(SocketIoNodeDriver.args(page.awaitEvent("bob", "message")).get(0).path("text").asString())
					.isEqualTo("missed " + i);
			}
			JsonNode recovered = SocketIoNodeDriver.args(page.awaitEvent("bob", "recovered")).get(0);
			assertThat(recovered.path("rooms").get(0).asString()).isEqualTo(room);
			assertThat(list(next(presence).getJSONArray("members"))).containsExactly("alice-" + room, bob);
			assertThat(page.received((line) -> "message".equals(line.path("event").asString()))).hasSize(3);

			// Restored without authorizing again: the principal came back with the
			// socket's data.
			SocketIoSocket socket = this.template.namespace(ChatHandler.NAMESPACE).socket(sid);
			assertThat(socket).isNotNull();
			assertThat(SocketIoPrincipal.get(socket)).isEqualTo(new ChatUser(bob, "b"));
			BlockingQueue<JSONObject> toAlice = listen(alice, "message");
			page.emitWithAck("bob", "back", "message", Map.of("id", "b1", "room", room, "text", "I am back"));
			assertThat(SocketIoNodeDriver.args(page.awaitAck("bob", "back")).get(0).path("id").asString())
				.isEqualTo("b1");
			assertThat(next(toAlice).getString("from")).isEqualTo(bob);
		}
	}

	@Test
	void invalidRoomNameIsAnsweredWithError() throws Exception {
		Socket alice = connect(nickname(), "a");
		JSONObject reply = (JSONObject) emitWithAck(alice, "join", "no spaces please");
		assertThat(reply.getString("error")).isEqualTo("A room name is 1 to 24 letters (a-z), digits or dashes");
	}

	@Test
	void messageIsAcknowledgedAndDeliveredToTheOthersInTheRoomOnly() throws Exception {
		String room = room();
		Socket alice = connect("alice-" + room, "a");
		Socket bob = connect("bob-" + room, "b");
		Socket carol = connect("carol-" + room, "c");
		emitWithAck(alice, "join", room);
		emitWithAck(bob, "join", room);
		BlockingQueue<JSONObject> toAlice = listen(alice, "message");
		BlockingQueue<JSONObject> toBob = listen(bob, "message");
		BlockingQueue<JSONObject> toCarol = listen(carol, "message");
		JSONObject receipt = (JSONObject) emitWithAck(alice, "message",
				new JSONObject(Map.of("id", "m1", "room", room, "text", "  Hello bob  ")));
		assertThat(receipt.getString("id")).isEqualTo("m1");
		assertThat(receipt.getLong("at")).isPositive();
		JSONObject delivered = next(toBob);
		assertThat(delivered.getString("id")).isEqualTo("m1");
		assertThat(delivered.getString("from")).isEqualTo("alice-" + room);
		assertThat(delivered.getString("text")).isEqualTo("Hello bob");
		assertThat(delivered.getString("room")).isEqualTo(room);
		assertThat(delivered.getLong("at")).isEqualTo(receipt.getLong("at"));
		// The sender shows its own message on the ack; Carol is elsewhere.
		assertThat(toAlice.poll(300, TimeUnit.MILLISECONDS)).isNull();
		assertThat(toCarol.poll(0, TimeUnit.MILLISECONDS)).isNull();
		JSONObject rejoined = (JSONObject) emitWithAck(carol, "join", room);
		assertThat(rejoined.getJSONArray("history").getJSONObject(0).getString("text")).isEqualTo("Hello bob");
	}

	@Test
	void messageToRoomNotJoinedIsRefused() throws Exception {
		Socket alice = connect(nickname(), "a");
		JSONObject reply = (JSONObject) emitWithAck(alice, "message",
				new JSONObject(Map.of("id", "m1", "room", "elsewhere", "text", "hi")));
		assertThat(reply.getString("error")).isEqualTo("Join #elsewhere before writing there");
	}

	@Test
	void blankMessageFailsValidation() throws Exception {
		Socket alice = connect(nickname(), "a");
		emitWithAck(alice, "join", "general");
		JSONObject reply = (JSONObject) emitWithAck(alice, "message",
				new JSONObject(Map.of("id", "m1", "room", "general", "text", " ")));
		assertThat(reply.getString("error")).isEqualTo("validation failed");
		assertThat(reply.getJSONArray("violations").getJSONObject(0).getString("field")).isEqualTo("text");
	}

	@Test
	void typingIsRelayedToTheRoom() throws Exception {
		String room = room();
		Socket alice = connect("alice-" + room, "a");
		Socket bob = connect("bob-" + room, "b");
		emitWithAck(alice, "join", room);
		emitWithAck(bob, "join", room);
		BlockingQueue<JSONObject> typing = listen(alice, "typing");
		bob.emit("typing", new JSONObject(Map.of("room", room, "typing", true)));
		JSONObject notice = next(typing);
		assertThat(notice.getString("nickname")).isEqualTo("bob-" + room);
		assertThat(notice.getBoolean("typing")).isTrue();
	}

	@Test
	void announcementPostedOverRestReachesTheRoom() throws Exception {
		String room = room();
		Socket alice = connect(nickname(), "a");
		emitWithAck(alice, "join", room);
		BlockingQueue<JSONObject> announcements = listen(alice, "announcement");
		HttpResponse<String> response = post("/api/rooms/" + room + "/announcements", "{\"text\":\"Lunch is ready\"}");
		assertThat(response.statusCode()).isEqualTo(202);
		JSONObject announcement = next(announcements);
		assertThat(announcement.getString("text")).isEqualTo("Lunch is ready");
		assertThat(announcement.getString("room")).isEqualTo(room);
		assertThat(announcement.isNull("from")).isTrue();
	}

	@Test
	void announcementWithoutTextIsABadRequest() throws Exception {
		assertThat(post("/api/rooms/general/announcements", "{\"text\":\"\"}").statusCode()).isEqualTo(400);
		assertThat(post("/api/rooms/no%20room/announcements", "{\"text\":\"hi\"}").statusCode()).isEqualTo(400);
	}

	@Test
	void serverFiguresAreEmittedEverySecond() throws Exception {
		Socket alice = connect(nickname(), "a");
		JSONObject stats = next(listen(alice, "stats"));
		assertThat(stats.getInt("connections")).isPositive();
		assertThat(stats.has("messagesPerSecond")).isTrue();
	}

	@Test
	void browserClientBundleAndPageAreServed() throws Exception {
		HttpResponse<String> bundle = get("/socket.io/socket.io.js");
		assertThat(bundle.statusCode()).isEqualTo(200);
		assertThat(bundle.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/javascript"));
		assertThat(bundle.body()).contains("Socket.IO v4.8.4");
		assertThat(get("/socket.io/socket.io.min.js").statusCode()).isEqualTo(200);
		assertThat(get("/socket.io/socket.io.js.map").statusCode()).isEqualTo(200);
		HttpResponse<String> page = get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<script src=\"/socket.io/socket.io.js\"");
	}

	/**
	 * Close the Engine.IO connection of a user's socket, as a network failure would.
	 */
	private void closeTransport(String nickname) {
		List<SocketIoSocket> sockets = this.template.namespace(ChatHandler.NAMESPACE)
			.sockets()
			.values()
			.stream()
			.filter((socket) -> SocketIoPrincipal.get(socket) instanceof ChatUser user
					&& user.nickname().equals(nickname))
			.toList();
		assertThat(sockets).hasSize(1);
		sockets.get(0).conn().close();
	}

	private Socket connect(String nickname, String clientId) {
		return this.clients.connect(chatUrl(),
				JavaSocketIoClients.auth(Map.of("nickname", nickname, "clientId", clientId)));
	}

	private boolean tryConnect(String nickname, String clientId) {
		Socket socket = socket(Map.of("nickname", nickname, "clientId", clientId));
		CompletableFuture<Boolean> outcome = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT, (args) -> outcome.complete(true));
		socket.once(Socket.EVENT_CONNECT_ERROR, (args) -> outcome.complete(false));
		socket.connect();
		return outcome.join();
	}

	/**
	 * Alice, then Bob, in a new room; Alice hears presence updates from before Bob's join
	 * on.
	 */
	private AliceAndBob aliceAndBobIn(String room) throws Exception {
		Socket alice = connect("alice-" + room, "a");
		Socket bob = connect("bob-" + room, "b");
		emitWithAck(alice, "join", room);
		BlockingQueue<JSONObject> presence = listen(alice, "presence");
		emitWithAck(bob, "join", room);
		return new AliceAndBob(alice, bob, presence);
	}

	private record AliceAndBob(Socket alice, Socket bob, BlockingQueue<JSONObject> presence) {

	}

	private JSONObject refusal(Map<String, String> auth) {
		return this.clients.refusal(chatUrl(), JavaSocketIoClients.auth(auth));
	}

	private Socket socket(Map<String, String> auth) {
		return this.clients.socket(chatUrl(), JavaSocketIoClients.auth(auth));
	}

	private String chatUrl() {
		return "http://localhost:" + this.port + ChatHandler.NAMESPACE;
	}

	private static BlockingQueue<JSONObject> listen(Socket socket, String event) {
		BlockingQueue<JSONObject> received = new LinkedBlockingQueue<>();
		socket.on(event, (args) -> received.add((JSONObject) args[0]));
		return received;
	}

	private static JSONObject next(BlockingQueue<JSONObject> queue) throws InterruptedException {
		JSONObject next = queue.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(next).as("event within %s", TIMEOUT).isNotNull();
		return next;
	}

	private static List<String> list(JSONArray array) throws Exception {
		List<String> list = new ArrayList<>();
		for (int i = 0; i < array.length(); i++) {
			list.add(array.getString(i));
		}
		return list;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String nickname() {
		return "user" + names.incrementAndGet();
	}

	private static String room() {
		return "room-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
