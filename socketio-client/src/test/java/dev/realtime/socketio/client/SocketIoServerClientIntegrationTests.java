package dev.realtime.socketio.client;

/**
 * The client against our server, a {@code SocketIoServer} of the engine module.
 */
class SocketIoServerClientIntegrationTests extends ClientConformanceTests {

	@Override
	TestServer startServer(boolean recovery) {
		return EngineTestServer.start(recovery);
	}

}
