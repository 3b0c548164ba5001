package dev.realtime.socketio.client;

/**
 * The client against the Node reference server ({@code socket.io} 4.8.4).
 */
class NodeServerClientIntegrationTests extends ClientConformanceTests {

	@Override
	TestServer startServer(boolean recovery) {
		return NodeTestServer.start(recovery);
	}

}
