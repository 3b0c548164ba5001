package dev.realtime.socketio.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.realtime.socketio.protocol.SocketIoLimitExceededException;
import dev.realtime.socketio.protocol.SocketIoParseException;
import dev.realtime.socketio.testsupport.RawWebSocketClient;
import dev.realtime.socketio.testsupport.SocketIoTestServer;
import dev.realtime.socketio.testsupport.TestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import static dev.realtime.socketio.testsupport.TestQueues.next;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed packets (docs/protocol.md 2.3 and 2.6) sent raw over WebSocket: each closes
 * the connection, the server-side sockets see {@code parse error} and their error
 * listeners the parse exception, nothing is logged as an error, and the server keeps
 * serving.
 */
class SocketIoMalformedPacketIntegrationTests {

	private static final Duration TIMEOUT = SocketIoTestServer.TIMEOUT;

	private static final String PLACEHOLDER_0 = "{\"_placeholder\":true,\"num\":0}";

	@RegisterExtension
	static final TestFixture<SocketIoTestServer> servers = TestFixture.manual();

	private static SocketIoTestServer server;

	private static final BlockingQueue<SocketIoSocket> connections = new LinkedBlockingQueue<>();

	private static final Map<String, CompletableFuture<DisconnectReason>> disconnectReasons = new ConcurrentHashMap<>();

	private static final Map<String, CompletableFuture<Throwable>> errors = new ConcurrentHashMap<>();

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	private RawWebSocketClient client;

	private SocketIoSocket socket;

	@BeforeAll
	static void startServer() {
		server = servers.start(SocketIoTestServer.start());
		for (String name : List.of("/", "/admin")) {
			server.io().of(name).onConnection((socket) -> {
				socket.onDisconnect((reason, description) -> reason(socket).complete(reason));
				socket.onError((error) -> error(socket).complete(error));
				socket.on("echo", (args, ack) -> socket.emit("echo", args.get(0)));
				connections.add(socket);
			});
		}
	}

	@BeforeEach
	void connect() {
		connections.clear();
		this.logs.start();
		root().addAppender(this.logs);
		this.client = RawWebSocketClient.connect(server, "/");
		this.socket = next(connections);
	}

	private static CompletableFuture<DisconnectReason> reason(SocketIoSocket socket) {
		return disconnectReasons.computeIfAbsent(socket.id(), (id) -> new CompletableFuture<>());
	}

	private static CompletableFuture<Throwable> error(SocketIoSocket socket) {
		return errors.computeIfAbsent(socket.id(), (id) -> new CompletableFuture<>());
	}

	private static <T> T get(CompletableFuture<T> future) {
		return future.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	@AfterEach
	void close() {
		root().detachAppender(this.logs);
		this.client.close();
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// docs/protocol.md 2.6
			"2{}", "2[]", "2abc[\"message-with-ack\",1]", "abc", "1{}", "0\"str\"", "2[{\"a\":1}]",
			// reserved event names
			"2[\"connect\"]", "2[\"connect_error\"]", "2[\"disconnect\"]", "2[\"disconnecting\"]", "2[\"newListener\"]",
			"2[\"removeListener\"]",
			// other types and payloads
			"", "7[\"a\"]", "2", "2\"a\"", "2[\"a\"", "2[\"a\"]x", "2[null]", "2[true]", "3[\"a\"]", "312{}", "4[1]",
			"4", "0[]", "1/admin,[]",
			// docs/protocol.md 2.3 binary headers
			"5-[\"a\"]", "5a-[\"a\"]", "51[\"a\"]", "50-[\"a\"]", "52-[\"a\"," + PLACEHOLDER_0 + "]",
			"51-[\"a\",{\"_placeholder\":true,\"num\":1}]", "51-[\"a\",{\"_placeholder\":true,\"num\":\"0\"}]",
			"51-[\"a\",{\"_placeholder\":true,\"num\":-1}]", "61-[" + PLACEHOLDER_0 + "]" })
	void malformedPacketClosesTheConnectionWithParseError(String packet) {
		this.client.sendPacket(packet);
		assertClosedWithParseError();
	}

	@Test
	void eventNameOverTheLimitIsAParseErrorLoggedWithTheLimit() {
		this.client.sendPacket("2[\"" + "x".repeat(257) + "\"]");
		assertClosedByLimit("maxEventNameLength");
	}

	@Test
	void attachmentsOverTheLimitAreAParseErrorLoggedWithTheLimit() {
		this.client.sendPacket("511-[\"a\"]");
		assertClosedByLimit("maxAttachments");
	}

	@Test
	void payloadNestedAsDeepAsRealDataIsEchoed() {
		String nested = "[".repeat(100) + "]".repeat(100);
		this.client.sendPacket("2[\"echo\"," + nested + "]");
		assertThat(this.client.nextPacket()).isEqualTo("2[\"echo\"," + nested + "]");
	}

	@Test
	void payloadNestedDeeperThanTheLimitIsAParseErrorLoggedWithTheLimit() {
		this.client.sendPacket("2[\"a\"," + "[".repeat(500) + "]".repeat(500) + "]");
		assertClosedByLimit("maxNestingDepth");
	}

	@Test
	void textPacketWhileAttachmentsArePendingIsAParseError() {
		this.client.sendPacket("51-[\"echo\"," + PLACEHOLDER_0 + "]");
		this.client.sendPacket("2[\"echo\",1]");
		assertClosedWithParseError();
	}

	@Test
	void binaryMessageWithoutAPendingHeaderIsAParseError() {
		this.client.sendBinary(new byte[] { 1, 2, 3 });
		assertClosedWithParseError();
	}

	@Test
	void parseErrorClosesEveryNamespaceOfTheConnection() {
		this.client.connectNamespace("/admin");
		SocketIoSocket admin = next(connections);
		this.client.sendPacket("2/admin,{}");
		this.client.awaitClosed();
		assertThat(get(reason(this.socket))).isEqualTo(DisconnectReason.PARSE_ERROR);
		assertThat(get(reason(admin))).isEqualTo(DisconnectReason.PARSE_ERROR);
		assertThat(get(error(admin))).isInstanceOf(SocketIoParseException.class);
	}

	@Test
	void wellFormedBinaryPacketIsStillAccepted() {
		this.client.sendPacket("51-[\"echo\"," + PLACEHOLDER_0 + "]");
		this.client.sendBinary(new byte[] { 1, 2, 3 });
		assertThat(this.client.nextPacket()).isEqualTo("51-[\"echo\"," + PLACEHOLDER_0 + "]");
		assertThat(this.client.nextBinary()).containsExactly(1, 2, 3);
	}

	private void assertClosedByLimit(String limit) {
		this.client.awaitClosed();
		assertThat(get(reason(this.socket))).isEqualTo(DisconnectReason.PARSE_ERROR);
		assertThat(get(error(this.socket))).isInstanceOfSatisfying(SocketIoLimitExceededException.class,
				(ex) -> assertThat(ex.limit()).isEqualTo(limit));
		// A limit a legitimate client may meet is a warning that names it, without a
		// stack trace.
		assertThat(this.logs.list).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN))
			.singleElement()
			.satisfies((event) -> {
				assertThat(event.getLevel()).isEqualTo(Level.WARN);
				assertThat(event.getFormattedMessage()).contains("parser limit " + limit);
				assertThat(event.getThrowableProxy()).isNull();
			});
	}

	private void assertClosedWithParseError() {
		this.client.awaitClosed();
		assertThat(get(reason(this.socket))).isEqualTo(DisconnectReason.PARSE_ERROR);
		assertThat(get(error(this.socket))).isInstanceOf(SocketIoParseException.class);
		assertThat(this.logs.list).filteredOn((event) -> event.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
		// The server keeps serving other connections.
		try (RawWebSocketClient other = RawWebSocketClient.connect(server, "/")) {
			next(connections);
			other.sendPacket("2[\"echo\",\"still up\"]");
			assertThat(other.nextPacket()).isEqualTo("2[\"echo\",\"still up\"]");
		}
	}

}
