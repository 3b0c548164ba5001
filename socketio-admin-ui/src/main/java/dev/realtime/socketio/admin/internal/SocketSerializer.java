package dev.realtime.socketio.admin.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.realtime.socketio.server.Handshake;
import dev.realtime.socketio.server.RemoteSocket;
import dev.realtime.socketio.server.SocketIoSocket;

/**
 * Turns a socket, local or on another node, into the UI's {@code SerializedSocket}:
 * {@code id, clientId, transport, nsp, data, handshake, rooms}. The client id and
 * transport travel in the socket's data under {@code _admin} (as in Node), so that
 * sockets fetched from other nodes carry them too; the UI never sees that entry in
 * {@code data}.
 */
final class SocketSerializer {

	static final String ADMIN_DATA = "_admin";

	/** The client id shown is shortened: the full Engine.IO id is a credential. */
	private static final int CLIENT_ID_LENGTH = 12;

	/** Node's {@code Date.prototype.toString()}, in UTC. */
	private static final DateTimeFormatter TIME = DateTimeFormatter
		.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx '(Coordinated Universal Time)'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final JsonMapper mapper;

	SocketSerializer(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** Put what {@code serialize} needs into a local socket's data, once it connected. */
	static void tag(SocketIoSocket socket) {
		String connId = socket.conn().id();
		Map<String, Object> admin = new java.util.concurrent.ConcurrentHashMap<>(2);
		admin.put("clientId", connId.substring(0, Math.min(CLIENT_ID_LENGTH, connId.length())));
		admin.put("transport", socket.conn().transport().wireName());
		socket.data().put(ADMIN_DATA, admin);
	}

	/** Record a new transport in a local socket's data. */
	@SuppressWarnings("unchecked")
	static void retag(SocketIoSocket socket, String transport) {
		Object admin = socket.data().get(ADMIN_DATA);
		if (admin instanceof Map<?, ?> map) {
			((Map<String, Object>) map).put("transport", transport);
		}
	}

	ObjectNode serialize(RemoteSocket socket, String namespace) {
		ObjectNode node = NODES.objectNode();
		node.put("id", socket.id());
		Object admin = socket.data().get(ADMIN_DATA);
		if (admin instanceof Map<?, ?> map) {
			putString(node, "clientId", map.get("clientId"));
			putString(node, "transport", map.get("transport"));
		}
		node.put("nsp", namespace);
		node.set("data", data(socket.data()));
		node.set("handshake", handshake(socket.handshake()));
		ArrayNode rooms = node.putArray("rooms");
		for (String room : socket.rooms()) {
			rooms.add(room);
		}
		return node;
	}

	/** The socket's data without the admin entry; values Jackson cannot write as text. */
	ObjectNode data(Map<String, Object> data) {
		ObjectNode node = NODES.objectNode();
		for (Map.Entry<String, Object> entry : data.entrySet()) {
			if (ADMIN_DATA.equals(entry.getKey())) {
				continue;
			}
			node.set(entry.getKey(), value(entry.getValue()));
		}
		return node;
	}

	private JsonNode value(@Nullable Object value) {
		if (value == null) {
			return NODES.nullNode();
		}
		try {
			return this.mapper.valueToTree(value);
		}
		catch (RuntimeException ex) {
			// The UI shows data, it must not fail on a value nobody meant to serialize.
			return NODES.textNode(String.valueOf(value));
		}
	}

	private static ObjectNode handshake(Handshake handshake) {
		ObjectNode node = NODES.objectNode();
		node.put("address", address(handshake));
		node.set("headers", headers(handshake.headers()));
		ObjectNode query = node.putObject("query");
		for (Map.Entry<String, List<String>> entry : handshake.query().entrySet()) {
			List<String> values = entry.getValue();
			if (values.size() == 1) {
				query.put(entry.getKey(), values.get(0));
			}
			else {
				ArrayNode array = query.putArray(entry.getKey());
				values.forEach(array::add);
			}
		}
		node.put("issued", handshake.issued());
		node.put("secure", handshake.secure());
		node.put("time", TIME.format(handshake.time()));
		node.put("url", handshake.url());
		node.put("xdomain", handshake.crossDomain());
		// The auth payload is left out, as in Node: it holds credentials.
		return node;
	}

	private static String address(Handshake handshake) {
		String forwarded = handshake.headers().get("cf-connecting-ip");
		if (forwarded == null) {
			forwarded = handshake.headers().get("x-forwarded-for");
		}
		return (forwarded != null) ? forwarded : handshake.address();
	}

	private static ObjectNode headers(HttpHeaders headers) {
		ObjectNode node = NODES.objectNode();
		for (String name : headers.names()) {
			node.put(name.toLowerCase(Locale.ROOT), String.join(", ", headers.getAll(name)));
		}
		return node;
	}

	private static void putString(ObjectNode node, String field, @Nullable Object value) {
		if (value != null) {
			node.put(field, value.toString());
		}
	}

}
