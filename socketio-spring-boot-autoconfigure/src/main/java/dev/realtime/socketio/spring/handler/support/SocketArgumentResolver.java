package dev.realtime.socketio.spring.handler.support;

import org.springframework.core.MethodParameter;

import dev.realtime.socketio.server.Handshake;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.SocketIoConnection;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.handler.EventContext;
import dev.realtime.socketio.spring.handler.SyncEventArgumentResolver;

/**
 * Resolves the socket and what belongs to it: {@link SocketIoSocket}, its
 * {@link Namespace}, the {@link SocketIoServer}, the {@link Handshake}, the connection
 * ({@link SocketIoConnection}) and the {@link EventContext} itself.
 *
 * @since 0.1.0
 */
public class SocketArgumentResolver implements SyncEventArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		return type == SocketIoSocket.class || type == Namespace.class || type == SocketIoServer.class
				|| type == Handshake.class || type == SocketIoConnection.class || type == EventContext.class;
	}

	@Override
	public Object resolveArgumentValue(MethodParameter parameter, EventContext context) {
		Class<?> type = parameter.getParameterType();
		SocketIoSocket socket = context.socket();
		if (type == SocketIoSocket.class) {
			return socket;
		}
		if (type == Namespace.class) {
			return socket.namespace();
		}
		if (type == SocketIoServer.class) {
			return socket.namespace().server();
		}
		if (type == Handshake.class) {
			return socket.handshake();
		}
		if (type == SocketIoConnection.class) {
			return socket.conn();
		}
		return context;
	}

}
