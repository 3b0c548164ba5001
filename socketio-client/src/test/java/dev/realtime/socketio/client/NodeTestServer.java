package dev.realtime.socketio.client;

import java.time.Duration;

import tools.jackson.databind.JsonNode;

import dev.realtime.socketio.testsupport.NodeScript;

/**
 * The Node reference server ({@code socket.io} 4.8.4 from test-clients) running
 * {@code node/sio-server.js} on a random port.
 */
final class NodeTestServer implements TestServer {

	private final NodeScript script;

	private final int port;

	private NodeTestServer(boolean recovery) {
		this.script = NodeScript.start("node/sio-server.js", "{\"recovery\":" + recovery + "}");
		JsonNode listening = this.script.awaitEvent("listening", Duration.ofSeconds(20));
		this.port = listening.path("port").asInt();
	}

	static NodeTestServer start(boolean recovery) {
		return new NodeTestServer(recovery);
	}

	@Override
	public String uri() {
		return "http://127.0.0.1:" + this.port;
	}

	@Override
	public synchronized String awaitDisconnectReason(String socketId) {
		while (true) {
			JsonNode disconnect = this.script.awaitEvent("disconnect", Duration.ofSeconds(10));
			if (socketId.equals(disconnect.path("id").asString())) {
				return disconnect.path("reason").asString();
			}
		}
	}

	@Override
	public void close() {
		this.script.close();
	}

	@Override
	public String toString() {
		return "Node socket.io 4.8.4";
	}

}
