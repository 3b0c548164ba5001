package dev.realtime.socketio.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drives sockets of the official npm {@code socket.io-client} through the
 * {@code node/sio-driver.js} script: commands go in as JSON lines, and what the sockets
 * observe (connect, connect_error, disconnect, events, acks) comes back as JSON lines.
 * Binary values are written {@code {"$bin": base64}} both ways; see {@link #bin(byte[])}.
 */
public final class SocketIoNodeDriver implements AutoCloseable {

	/** Default time to wait for an observation. */
	public static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.shared();

	private final NodeScript script;

	private final List<JsonNode> received = new ArrayList<>();

	private final List<Boolean> consumed = new ArrayList<>();

	private SocketIoNodeDriver(NodeScript script) {
		this.script = script;
	}

	/**
	 * Start the driver script and wait until it is ready.
	 * @return the driver
	 */
	public static SocketIoNodeDriver start() {
		return start("node/sio-driver.js");
	}

	/**
	 * Start a driver script of the same line format, such as
	 * {@code node/sio-v2-driver.js} (socket.io-client 2.x), and wait until it is ready.
	 * @param script the classpath location of the script
	 * @return the driver
	 */
	public static SocketIoNodeDriver start(String script) {
		SocketIoNodeDriver driver = new SocketIoNodeDriver(NodeScript.start(script));
		driver.await((line) -> "ready".equals(line.path("type").asString()), TIMEOUT);
		return driver;
	}

	/**
	 * Return a binary value for {@code args}.
	 * @param bytes the bytes
	 * @return the JSON form the driver turns into a Buffer
	 */
	public static ObjectNode bin(byte[] bytes) {
		return JsonNodeFactory.instance.objectNode().put("$bin", Base64.getEncoder().encodeToString(bytes));
	}

	/**
	 * Read a binary value written by the driver.
	 * @param node a {@code {"$bin": ...}} object
	 * @return the bytes
	 */
	public static byte[] bytes(JsonNode node) {
		return Base64.getDecoder().decode(node.path("$bin").asString());
	}

	/**
	 * Connect a socket.
	 * @param id the name tests use for the socket
	 * @param url the namespace URL, e.g. {@code http://127.0.0.1:PORT/chat}
	 * @param opts client options ({@code transports}, {@code auth}, ...)
	 */
	public void connect(String id, String url, Map<String, ?> opts) {
		send(command("connect", id).put("url", url).set("opts", JSON.valueToTree(opts)));
	}

	/**
	 * Emit an event without ack.
	 * @param id the socket
	 * @param event the event
	 * @param args the arguments (JSON values; use {@link #bin(byte[])} for binary)
	 */
	public void emit(String id, String event, Object... args) {
		send(command("emit", id).put("event", event).set("args", JSON.valueToTree(args)));
	}

	/**
	 * Emit a volatile event.
	 * @param id the socket
	 * @param event the event
	 * @param args the arguments
	 */
	public void emitVolatile(String id, String event, Object... args) {
		send(command("emit", id).put("event", event).put("volatile", true).set("args", JSON.valueToTree(args)));
	}

	/**
	 * Emit an event with an ack; the reply arrives as an {@code ack} observation with the
	 * tag.
	 * @param id the socket
	 * @param tag identifies the reply
	 * @param event the event
	 * @param args the arguments
	 */
	public void emitWithAck(String id, String tag, String event, Object... args) {
		send(command("emit", id).put("event", event)
			.put("ack", true)
			.put("tag", tag)
			.set("args", JSON.valueToTree(args)));
	}

	/**
	 * Emit with an ack and a client-side timeout ({@code ack-error} on timeout).
	 * @param id the socket
	 * @param tag identifies the reply
	 * @param timeout the timeout
	 * @param event the event
	 * @param args the arguments
	 */
	public void emitWithAck(String id, String tag, Duration timeout, String event, Object... args) {
		send(command("emit", id).put("event", event)
			.put("ack", true)
			.put("tag", tag)
			.put("timeout", timeout.toMillis())
			.set("args", JSON.valueToTree(args)));
	}

	/**
	 * Answer the server's ack requests for an event with a fixed reply, from the events
	 * the socket reads after this returns.
	 * @param id the socket
	 * @param event the event
	 * @param reply the reply arguments
	 */
	public void autoAck(String id, String event, Object... reply) {
		send(command("autoAck", id).put("event", event).set("reply", JSON.valueToTree(reply)));
		// Node reads the commands and the socket's frames as separate inputs, in any
		// order: an
		// event the server sends right after this could be read before the reply is
		// registered.
		await((line) -> id.equals(line.path("id").asString()) && "autoAck".equals(line.path("type").asString())
				&& event.equals(line.path("event").asString()), TIMEOUT);
	}

	/**
	 * Run a socket command without arguments: {@code disconnect}, {@code connectAgain},
	 * {@code closeEngine}.
	 * @param id the socket
	 * @param cmd the command
	 */
	public void run(String id, String cmd) {
		send(command(cmd, id));
	}

	/**
	 * Send a socket's next reconnection to another server, as a load balancer would.
	 * @param id the socket
	 * @param url the server's URL (without namespace)
	 */
	public void moveTo(String id, String url) {
		ObjectNode command = command("moveTo", id);
		command.put("url", url);
		send(command);
	}

	/**
	 * Wait for an observation of a socket.
	 * @param id the socket
	 * @param type {@code connect}, {@code connect_error}, {@code disconnect},
	 * {@code event}, {@code ack}, {@code ack-error}, {@code upgrade}
	 * @return the observation
	 */
	public JsonNode await(String id, String type) {
		return await((line) -> id.equals(line.path("id").asString()) && type.equals(line.path("type").asString()),
				TIMEOUT);
	}

	/**
	 * Wait for an event received by a socket.
	 * @param id the socket
	 * @param event the event name
	 * @return the observation ({@code args}, {@code ackRequested})
	 */
	public JsonNode awaitEvent(String id, String event) {
		return await((line) -> id.equals(line.path("id").asString()) && "event".equals(line.path("type").asString())
				&& event.equals(line.path("event").asString()), TIMEOUT);
	}

	/**
	 * Wait for the reply to a tagged ack.
	 * @param id the socket
	 * @param tag the tag
	 * @return the observation ({@code type} ack or ack-error)
	 */
	public JsonNode awaitAck(String id, String tag) {
		return await((line) -> id.equals(line.path("id").asString()) && tag.equals(line.path("tag").asString()),
				TIMEOUT);
	}

	/**
	 * Wait for the first unconsumed observation that matches.
	 * @param matcher the condition
	 * @param timeout how long to wait
	 * @return the observation, now consumed
	 */
	public synchronized JsonNode await(Predicate<JsonNode> matcher, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		int index = 0;
		while (true) {
			for (; index < this.received.size(); index++) {
				if (!this.consumed.get(index) && matcher.test(this.received.get(index))) {
					this.consumed.set(index, true);
					return this.received.get(index);
				}
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				throw new AssertionError("No matching observation within " + timeout + "; received: " + this.received
						+ "\nstderr: " + this.script.stderr());
			}
			JsonNode line = this.script.nextJson(Duration.ofNanos(left));
			if ("error".equals(line.path("type").asString())) {
				throw new AssertionError("Driver error: " + line);
			}
			this.received.add(line);
			this.consumed.add(false);
		}
	}

	/**
	 * Collect the observations received so far that match, without waiting.
	 * @param matcher the condition
	 * @return the observations
	 */
	public synchronized List<JsonNode> received(Predicate<JsonNode> matcher) {
		return this.received.stream().filter(matcher).toList();
	}

	/**
	 * Return the arguments of an event observation.
	 * @param observation an {@code event} or {@code ack} observation
	 * @return the arguments
	 */
	public static ArrayNode args(JsonNode observation) {
		return (ArrayNode) observation.get("args");
	}

	private static ObjectNode command(String cmd, String id) {
		return JsonNodeFactory.instance.objectNode().put("cmd", cmd).put("id", id);
	}

	private void send(ObjectNode command) {
		this.script.writeLine(command.toString());
	}

	@Override
	public void close() {
		try {
			this.script.writeLine("{\"cmd\":\"exit\"}");
		}
		catch (RuntimeException | AssertionError ex) {
			// already gone
		}
		this.script.close();
	}

}
