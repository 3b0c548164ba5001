package dev.realtime.socketio.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.realtime.socketio.engine.EngineIoProtocol;
import dev.realtime.socketio.engine.EngineIoSocket;
import dev.realtime.socketio.protocol.SocketIoPacket;
import io.netty.handler.codec.http.QueryStringDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What differs for Socket.IO 2.x clients, which speak the Socket.IO v4 protocol over
 * Engine.IO v3 (docs/protocol.md 1.11), as the reference server handles them with
 * {@code allowEIO3}: they are connected to the main namespace without a CONNECT packet,
 * send a namespace's auth as a query string in its name, get a CONNECT answer without
 * payload, a socket id made of the Engine.IO session id, and an error as a plain value.
 * Everything else (events, acks, binary attachments, rooms) is the same.
 */
final class LegacySocketIo {

	private LegacySocketIo() {
	}

	/** Whether a connection is a Socket.IO 2.x client's. */
	static boolean isLegacy(EngineIoSocket conn) {
		return conn.protocol() == EngineIoProtocol.V3;
	}

	/**
	 * The id of a 2.x client's socket: the client computes it the same way, from the
	 * Engine.IO session id, so both sides must agree.
	 */
	static String socketId(String namespace, String engineId) {
		return SocketIoPacket.MAIN_NAMESPACE.equals(namespace) ? engineId : namespace + "#" + engineId;
	}

	/** The name of the namespace a CONNECT asks for, without its query string. */
	static String namespaceName(String namespace) {
		int query = namespace.indexOf('?');
		return (query < 0) ? namespace : namespace.substring(0, query);
	}

	/**
	 * The auth of a CONNECT: the query string of its namespace, each parameter's last
	 * value as a string, as the reference server reads it.
	 */
	static ObjectNode auth(String namespace) {
		ObjectNode auth = JsonNodeFactory.instance.objectNode();
		int query = namespace.indexOf('?');
		if (query < 0) {
			return auth;
		}
		Map<String, List<String>> parameters;
		try {
			parameters = new QueryStringDecoder(namespace.substring(query + 1), StandardCharsets.UTF_8, false)
				.parameters();
		}
		catch (IllegalArgumentException ex) {
			// A malformed escape: no auth rather than a refused connection.
			return auth;
		}
		parameters.forEach((name, values) -> auth.put(name, values.get(values.size() - 1)));
		return auth;
	}

	/** The server's answer to a CONNECT: no payload, the client knows its id. */
	static SocketIoPacket connectAck(String namespace) {
		return SocketIoPacket.connect(namespace, null);
	}

	/**
	 * The ERROR packet for a refused connection: the data of a
	 * {@link ConnectRejectedException} if it has some, else the message as a string.
	 */
	static SocketIoPacket connectError(String namespace, Throwable error, JsonMapper mapper) {
		if (error instanceof ConnectRejectedException rejected && rejected.data() != null) {
			return SocketIoPacket.legacyError(namespace, Payloads.toNode(mapper, rejected.data()));
		}
		String message = (error.getMessage() != null) ? error.getMessage() : error.getClass().getSimpleName();
		JsonNode value = JsonNodeFactory.instance.stringNode(message);
		return SocketIoPacket.legacyError(namespace, value);
	}

}
