package dev.realtime.socketio.redis;

import java.time.Duration;

import dev.realtime.socketio.testsupport.NodeScript;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Node {@code socket.io} server of a test cluster, run by one of the scripts under
 * {@code node/} ({@code redis-node-server.js}, {@code redis-streams-node-server.js}):
 * they all take one JSON command a line on stdin and answer with one JSON line, tagged as
 * the command was.
 */
final class NodeAdapterServer implements AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private final NodeScript script;

	private final String url;

	private int tags;

	private NodeAdapterServer(NodeScript script) {
		this.script = script;
		// An emitter script is ready without a port.
		int port = script.awaitEvent("ready", WAIT).path("port").asInt(0);
		this.url = "http://127.0.0.1:" + port + "/";
	}

	/**
	 * Start a script and wait until it listens.
	 * @param resource the script, e.g. {@code node/redis-streams-node-server.js}
	 * @param args its arguments
	 * @return the server
	 */
	static NodeAdapterServer start(String resource, String... args) {
		NodeScript script = NodeScript.start(resource, args);
		try {
			return new NodeAdapterServer(script);
		}
		catch (RuntimeException | AssertionError ex) {
			script.close();
			throw ex;
		}
	}

	/** The URL of its main namespace. */
	String url() {
		return this.url;
	}

	NodeScript script() {
		return this.script;
	}

	JsonNode awaitEvent(String event) {
		return this.script.awaitEvent(event, WAIT);
	}

	/**
	 * Send a command and wait for the line that answers it.
	 * @param answer the {@code event} of the answer
	 * @param cmd the command
	 * @param fields its fields, name and value by turns (values written as JSON)
	 * @return the answer
	 */
	JsonNode command(String answer, String cmd, Object... fields) {
		ObjectNode command = JsonNodeFactory.instance.objectNode().put("cmd", cmd).put("tag", "t" + (++this.tags));
		for (int i = 0; i < fields.length; i += 2) {
			command.set((String) fields[i],
					NodeScript.parseJson(JsonMapper.shared().writeValueAsString(fields[i + 1])));
		}
		this.script.writeLine(command.toString());
		while (true) {
			JsonNode line = this.script.awaitEvent(answer, WAIT);
			if (command.path("tag").equals(line.path("tag"))) {
				return line;
			}
		}
	}

	/** The number of servers the Node adapter counts. */
	int serverCount() {
		return command("count", "count").path("count").asInt();
	}

	@Override
	public void close() {
		if (this.script.isAlive()) {
			this.script.writeLine("{\"cmd\":\"exit\"}");
		}
		this.script.close();
	}

}
