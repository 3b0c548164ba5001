package dev.realtime.socketio.server;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.realtime.socketio.testsupport.SocketIoTestServer;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.client.SocketOptionBuilder;
import org.json.JSONObject;

/**
 * A socket of the Java {@code io.socket:socket.io-client} that records what it observes:
 * {@code connect}, {@code connect_error}, {@code disconnect} and every incoming event,
 * each in its own queue. Events that ask for an acknowledgement are answered
 * automatically when a reply was registered with {@link #answer}; otherwise the
 * {@link Ack} is the last recorded argument.
 */
final class JavaTestClient implements AutoCloseable {

	static final Duration TIMEOUT = SocketIoTestServer.TIMEOUT;

	private final Socket socket;

	private final Map<String, BlockingQueue<Object[]>> observations = new ConcurrentHashMap<>();

	private final Map<String, Function<Object[], Object[]>> answers = new ConcurrentHashMap<>();

	private JavaTestClient(Socket socket) {
		this.socket = socket;
		for (String event : List.of(Socket.EVENT_CONNECT, Socket.EVENT_CONNECT_ERROR, Socket.EVENT_DISCONNECT)) {
			socket.on(event, (args) -> queue(event).add(args));
		}
		socket.onAnyIncoming((args) -> {
			String event = (String) args[0];
			Object[] rest = Arrays.copyOfRange(args, 1, args.length);
			Function<Object[], Object[]> answer = this.answers.get(event);
			if (answer != null && rest.length > 0 && rest[rest.length - 1] instanceof Ack ack) {
				ack.call(answer.apply(Arrays.copyOf(rest, rest.length - 1)));
			}
			queue(event).add(rest);
		});
	}

	/**
	 * Create a socket with its own connection, not connected yet.
	 */
	static JavaTestClient create(String url) {
		return create(url, (options) -> {
		});
	}

	/**
	 * Create a socket with its own connection and customised options, not connected yet.
	 */
	static JavaTestClient create(String url, Consumer<SocketOptionBuilder> customizer) {
		SocketOptionBuilder builder = IO.Options.builder()
			.setForceNew(true)
			.setReconnectionDelay(100)
			.setReconnectionDelayMax(200)
			.setRandomizationFactor(0);
		customizer.accept(builder);
		return new JavaTestClient(IO.socket(URI.create(url), builder.build()));
	}

	/**
	 * Create a socket multiplexed on the given manager's connection.
	 */
	static JavaTestClient create(Manager manager, String namespace) {
		return new JavaTestClient(manager.socket(namespace));
	}

	/**
	 * Create a manager: one connection that sockets of several namespaces share.
	 */
	static Manager manager(String url) {
		IO.Options options = IO.Options.builder().setReconnection(false).build();
		return new Manager(URI.create(url), options);
	}

	Socket socket() {
		return this.socket;
	}

	/**
	 * Answer the server's ack requests for an event.
	 */
	JavaTestClient answer(String event, Function<Object[], Object[]> reply) {
		this.answers.put(event, reply);
		return this;
	}

	/**
	 * Connect and wait for the CONNECT acknowledgement.
	 * @return the socket id the client got
	 */
	String connect() {
		this.socket.connect();
		next(Socket.EVENT_CONNECT);
		return this.socket.id();
	}

	/**
	 * Connect and wait for the refusal.
	 * @return the {@code connect_error} argument
	 */
	JSONObject connectRefused() {
		this.socket.connect();
		return (JSONObject) next(Socket.EVENT_CONNECT_ERROR)[0];
	}

	/**
	 * Emit an event.
	 */
	void emit(String event, Object... args) {
		this.socket.emit(event, args);
	}

	/**
	 * Emit an event with an acknowledgement and wait for it.
	 * @return the server's reply
	 */
	Object[] emitAndAwaitAck(String event, Object... args) {
		BlockingQueue<Object[]> replies = new LinkedBlockingQueue<>();
		this.socket.emit(event, args, replies::add);
		return poll(replies, "ack of " + event);
	}

	/**
	 * Wait for the next observation of an event.
	 * @return its arguments
	 */
	Object[] next(String event) {
		return poll(queue(event), event);
	}

	/**
	 * Wait for the reason of the next disconnection.
	 */
	String nextDisconnectReason() {
		return (String) next(Socket.EVENT_DISCONNECT)[0];
	}

	/**
	 * Return the observations of an event received so far, without waiting.
	 */
	List<Object[]> received(String event) {
		return new ArrayList<>(queue(event));
	}

	private BlockingQueue<Object[]> queue(String event) {
		return this.observations.computeIfAbsent(event, (e) -> new LinkedBlockingQueue<>());
	}

	private static Object[] poll(BlockingQueue<Object[]> queue, String what) {
		try {
			Object[] args = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (args == null) {
				throw new AssertionError("No " + what + " within " + TIMEOUT);
			}
			return args;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	@Override
	public void close() {
		this.socket.close();
	}

}
