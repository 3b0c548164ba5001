package dev.realtime.socketio.testsupport;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONObject;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JUnit extension that opens sockets of the Java {@code io.socket:socket.io-client} and
 * closes every one of them after each test. Registered on an instance field:
 * <pre class="code">
 * &#64;RegisterExtension
 * final JavaSocketIoClients clients = new JavaSocketIoClients();
 *
 * Socket socket = this.clients.connect("http://localhost:" + port + "/chat", JavaSocketIoClients.options("websocket"));
 * </pre>
 *
 * @since 0.1.0
 */
public final class JavaSocketIoClients implements AfterEachCallback {

	/** How long a connection, refusal or ack may take. */
	public static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<Socket> sockets = new ArrayList<>();

	/**
	 * Options for a new connection ({@code forceNew}) that does not reconnect.
	 * @param transports the transports, or none for the client's default
	 * @return the options
	 */
	public static IO.Options options(String... transports) {
		IO.Options options = new IO.Options();
		options.forceNew = true;
		options.reconnection = false;
		if (transports.length > 0) {
			options.transports = transports;
		}
		return options;
	}

	/**
	 * Options for a new connection that does not reconnect, with an auth payload.
	 * @param auth the auth payload
	 * @return the options
	 */
	public static IO.Options auth(Map<String, String> auth) {
		IO.Options options = options();
		options.auth = auth;
		return options;
	}

	/**
	 * A socket, not connected yet, closed after the test.
	 * @param url the URL with the namespace
	 * @param options the options
	 * @return the socket
	 */
	public Socket socket(String url, IO.Options options) {
		Socket socket = IO.socket(URI.create(url), options);
		this.sockets.add(socket);
		return socket;
	}

	/**
	 * Connect a socket and wait for the connection.
	 * @param url the URL with the namespace
	 * @param options the options
	 * @return the connected socket, closed after the test
	 * @throws AssertionError if the connection is refused or does not come in time
	 */
	public Socket connect(String url, IO.Options options) {
		Socket socket = socket(url, options);
		CompletableFuture<Object> outcome = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT, (args) -> outcome.complete("connected"));
		socket.once(Socket.EVENT_CONNECT_ERROR, (args) -> outcome
			.completeExceptionally(new IllegalStateException("connect_error: " + ((args.length > 0) ? args[0] : ""))));
		socket.connect();
		assertThat(outcome).succeedsWithin(TIMEOUT);
		return socket;
	}

	/**
	 * Connect a socket that the server is expected to refuse.
	 * @param url the URL with the namespace
	 * @param options the options
	 * @return the payload of the {@code connect_error}
	 * @throws AssertionError if the socket connects
	 */
	public JSONObject refusal(String url, IO.Options options) {
		Socket socket = socket(url, options);
		CompletableFuture<JSONObject> error = new CompletableFuture<>();
		socket.once(Socket.EVENT_CONNECT, (args) -> error.completeExceptionally(new AssertionError("connected")));
		socket.once(Socket.EVENT_CONNECT_ERROR, (args) -> error.complete((JSONObject) args[0]));
		socket.connect();
		return error.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	/**
	 * Emit an event with an ack and wait for the reply.
	 * @param socket the socket
	 * @param event the event name
	 * @param args the arguments
	 * @return the first argument of the reply, or {@code null} for an empty one
	 * @throws Exception if no reply comes in time
	 */
	public static Object emitWithAck(Socket socket, String event, Object... args) throws Exception {
		CompletableFuture<Object> reply = new CompletableFuture<>();
		socket.emit(event, args, (ackArgs) -> reply.complete((ackArgs.length > 0) ? ackArgs[0] : null));
		return reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	/**
	 * Close every socket now, for a test that checks what the server sees afterwards.
	 */
	public void closeAll() {
		this.sockets.forEach(Socket::close);
		this.sockets.clear();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		closeAll();
	}

}
