package dev.realtime.socketio.benchmarks.peer;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.Transport;

import dev.realtime.socketio.benchmarks.server.ServerArguments;

/**
 * The bench contract on netty-socketio 2.0.14, with the contract's handshake values (its
 * own defaults differ: ping timeout 60 s, 64 KB frame and content limits) and NIO, its
 * default and Reactor Netty's without a native transport on the classpath. It runs on the
 * Netty 4.1 and Jackson 2 it was built for ({@code target/netty-socketio-lib}).
 * <p>
 * Its listeners take one argument per event: {@code echo} and {@code ack} pass the first
 * argument through (the load scenarios send one), a binary one included.
 *
 * @since 0.1.0
 */
public final class NettySocketIoBenchServer {

	private NettySocketIoBenchServer() {
	}

	public static void main(String[] args) throws InterruptedException {
		ServerArguments arguments = ServerArguments.parse(args);
		Configuration config = new Configuration();
		config.setHostname(arguments.address());
		config.setPort(arguments.port());
		config.setContext("/socket.io");
		config.setPingInterval(25_000);
		config.setPingTimeout(20_000);
		config.setMaxHttpContentLength(1_000_000);
		config.setMaxFramePayloadLength(1_000_000);
		config.setTransports(Transport.WEBSOCKET, Transport.POLLING);
		// run.sh gives every JVM server the same number of event loops (IO_THREADS)
		Integer workers = Integer.getInteger("bench.workerThreads");
		if (workers != null) {
			config.setWorkerThreads(workers);
		}
		config.setWebsocketCompression(false);
		config.setHttpCompression(false);
		config.setUseLinuxNativeEpoll(false);
		config.setRandomSession(true);
		SocketIOServer server = new SocketIOServer(config);
		server.addEventListener("echo", Object.class, (client, data, ack) -> client.sendEvent("echo", data));
		server.addEventListener("ack", Object.class, (client, data, ack) -> ack.sendAckData(data));
		server.addEventListener("join", String.class, (client, room, ack) -> {
			client.joinRoom(room);
			if (ack.isAckRequested()) {
				ack.sendAckData(room);
			}
		});
		// MultiTypeArgs.get is generic: passed straight to sendEvent(String, Object...)
		// it is
		// inferred as Object[] and the cast of the payload map throws (every broadcast
		// was
		// lost). One explicit Object argument.
		server.addMultiTypeEventListener("broadcast", (client, data, ack) -> {
			Object payload = data.get(1);
			server.getRoomOperations((String) data.get(0)).sendEvent("msg", payload);
		}, String.class, Object.class);
		server.start();
		System.out.println("netty-socketio bench server listening on " + arguments.address() + ":" + arguments.port());
		Thread.currentThread().join();
	}

}
