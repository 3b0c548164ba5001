package dev.realtime.socketio.conformance;

import java.time.Duration;
import java.util.List;

import dev.realtime.socketio.netty.SocketIoRoutes;
import dev.realtime.socketio.server.ConnectionStateRecoveryOptions;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerOptions;
import dev.realtime.socketio.server.SocketIoSocket;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The endpoint {@code /socket.io-csr/} (docs/protocol.md 3.3): a second Socket.IO server,
 * main namespace only, with connection state recovery on. It is not a default candidate
 * for injection, so the auto-configured server stays the one the annotation model and the
 * rest of the app use; its listeners go through the engine API.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionStateRecoveryConfiguration {

	static final String PATH = "/socket.io-csr/";

	static final String ROOM = "csr-room";

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	@Bean(defaultCandidate = false, destroyMethod = "")
	SocketIoServer csrSocketIoServer(SocketIoServer socketIo) {
		SocketIoServerOptions main = socketIo.options();
		SocketIoServer server = SocketIoServer.create(SocketIoServerOptions.builder()
			.engine(main.engine().mutate().path(PATH).build())
			.connectTimeout(main.connectTimeout())
			.jsonMapper(main.jsonMapper())
			.serveClient(false)
			.connectionStateRecovery(ConnectionStateRecoveryOptions.builder()
				.maxDisconnectionDuration(Duration.ofMinutes(2))
				.skipMiddlewares(true)
				.build())
			.build());
		server.onConnection(ConnectionStateRecoveryConfiguration::handle);
		return server;
	}

	@Bean
	NettyRouteProvider csrSocketIoRoutes(@Qualifier("csrSocketIoServer") SocketIoServer server) {
		return (routes) -> SocketIoRoutes.mount(routes, List.of(server));
	}

	@Bean
	SmartLifecycle csrSocketIoServerShutdown(@Qualifier("csrSocketIoServer") SocketIoServer server) {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				this.running = true;
			}

			@Override
			public void stop() {
				this.running = false;
				server.close().block(STOP_TIMEOUT);
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

		};
	}

	private static void handle(SocketIoSocket socket) {
		if (!socket.recovered()) {
			socket.join(ROOM);
		}
		socket.on("emit-to-room", (args, ack) -> {
			int count = args.path(0).asInt();
			for (int i = 0; i < count; i++) {
				socket.namespace().to(ROOM).emit("room-event", i);
			}
			if (ack != null) {
				ack.send("done");
			}
		});
		socket.on("server-close-transport", (args, ack) -> socket.conn().close());
	}

}
