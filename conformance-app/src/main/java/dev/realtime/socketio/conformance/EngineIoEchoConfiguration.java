package dev.realtime.socketio.conformance;

import java.util.List;

import dev.realtime.socketio.engine.EngineIoCorsOptions;
import dev.realtime.socketio.engine.EngineIoOptions;
import dev.realtime.socketio.engine.EngineIoServer;
import dev.realtime.socketio.internal.EngineIoEcho;
import dev.realtime.socketio.netty.EngineIoRoutes;
import dev.realtime.socketio.server.SocketIoServer;

import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The raw Engine.IO endpoint {@code /engine.io/}: every message goes back unchanged to
 * the session that sent it. Same heartbeat, payload and CORS settings as the Socket.IO
 * endpoint.
 */
@Configuration(proxyBeanMethods = false)
class EngineIoEchoConfiguration {

	@Bean(destroyMethod = "")
	EngineIoServer echoEngine(SocketIoServer socketIo) {
		EngineIoOptions socketIoEngine = socketIo.engine().options();
		EngineIoServer engine = EngineIoServer
			.create(socketIoEngine.mutate().path("/engine.io/").cors(EngineIoCorsOptions.anyOrigin()).build());
		engine.onConnection(EngineIoEcho::attach);
		return engine;
	}

	@Bean
	NettyRouteProvider echoEngineRoutes(EngineIoServer echoEngine) {
		return (routes) -> EngineIoRoutes.mount(routes, List.of(echoEngine));
	}

}
