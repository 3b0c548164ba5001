package dev.realtime.socketio.cluster;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.realtime.socketio.server.Handshake;
import dev.realtime.socketio.server.RemoteSocket;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a local socket the way a Node server describes one in its answer to a fetch
 * request ({@code {id, handshake, rooms, data}}, the handshake as Node's
 * {@code socket.handshake}), and reads such a description back.
 *
 * @since 0.1.0
 */
public final class SocketSnapshots {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	// Date.prototype.toString(), in UTC
	private static final DateTimeFormatter JS_DATE_STRING = DateTimeFormatter
		.ofPattern("EEE MMM dd uuuu HH:mm:ss 'GMT+0000 (Coordinated Universal Time)'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private SocketSnapshots() {
	}

	/**
	 * Describe a local socket.
	 * @param socket the socket
	 * @param rooms its rooms
	 * @param mapper converts its data
	 * @return {@code {id, handshake, rooms, data}}
	 */
	public static ObjectNode write(RemoteSocket socket, Collection<String> rooms, JsonMapper mapper) {
		ObjectNode node = NODES.objectNode();
		node.put("id", socket.id());
		node.set("handshake", handshake(socket.handshake()));
		ArrayNode roomArray = node.putArray("rooms");
		rooms.forEach(roomArray::add);
		node.set("data", mapper.valueToTree(socket.data()));
		return node;
	}

	private static ObjectNode handshake(Handshake handshake) {
		ObjectNode node = NODES.objectNode();
		ObjectNode headers = node.putObject("headers");
		for (String name : handshake.headers().names()) {
			List<String> values = handshake.headers().getAll(name);
			String key = name.toLowerCase(Locale.ROOT);
			if (values.size() == 1) {
				headers.put(key, values.get(0));
			}
			else if ("set-cookie".equals(key)) {
				ArrayNode array = headers.putArray(key);
				values.forEach(array::add);
			}
			else {
				headers.put(key, String.join(", ", values));
			}
		}
		node.put("time", JS_DATE_STRING.format(handshake.time()));
		node.put("address", handshake.address());
		node.put("xdomain", handshake.crossDomain());
		node.put("secure", handshake.secure());
		node.put("issued", handshake.issued());
		node.put("url", handshake.url());
		ObjectNode query = node.putObject("query");
		handshake.query().forEach((name, values) -> {
			if (values.size() == 1) {
				query.put(name, values.get(0));
			}
			else {
				ArrayNode array = query.putArray(name);
				values.forEach(array::add);
			}
		});
		node.set("auth", handshake.auth());
		return node;
	}

	/**
	 * Read the description of a socket of another node.
	 * @param node {@code {id, handshake, rooms, data}}
	 * @param mapper converts its data
	 * @return the socket
	 */
	public static RemoteSocket read(JsonNode node, JsonMapper mapper) {
		Set<String> rooms = new LinkedHashSet<>();
		for (JsonNode room : node.path("rooms")) {
			rooms.add(room.asString());
		}
		JsonNode data = node.path("data");
		@SuppressWarnings("unchecked")
		Map<String, Object> dataMap = data.isObject() ? mapper.treeToValue(data, LinkedHashMap.class)
				: new LinkedHashMap<>();
		return new ClusterRemoteSocket(node.path("id").asString(), readHandshake(node.path("handshake")), rooms,
				dataMap);
	}

	private static Handshake readHandshake(JsonNode node) {
		HttpHeaders headers = new DefaultHttpHeaders();
		for (Map.Entry<String, JsonNode> header : node.path("headers").properties()) {
			try {
				for (String value : texts(header.getValue())) {
					headers.add(header.getKey(), value);
				}
			}
			catch (IllegalArgumentException ex) {
				// A header Netty would not accept: leave it out of the copy
			}
		}
		Map<String, List<String>> query = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> parameter : node.path("query").properties()) {
			query.put(parameter.getKey(), texts(parameter.getValue()));
		}
		JsonNode auth = node.path("auth");
		long issued = node.path("issued").asLong(0);
		return new Handshake(headers, query, auth.isObject() ? (ObjectNode) auth : NODES.objectNode(),
				node.path("address").asString(""), Instant.ofEpochMilli(issued), node.path("url").asString(""),
				node.path("secure").asBoolean(false), node.path("xdomain").asBoolean(false));
	}

	private static List<String> texts(JsonNode value) {
		List<String> texts = new ArrayList<>();
		if (value.isArray()) {
			value.forEach((element) -> texts.add(element.asString()));
		}
		else if (!value.isNull() && !value.isMissingNode()) {
			texts.add(value.asString());
		}
		return texts;
	}

}
