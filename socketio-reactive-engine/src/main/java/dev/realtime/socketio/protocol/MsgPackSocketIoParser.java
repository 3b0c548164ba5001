package dev.realtime.socketio.protocol;

import java.util.List;

import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.internal.MsgPackTrees;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire format of {@code socket.io-msgpack-parser} 3.x: every packet is one binary
 * Engine.IO message holding the MessagePack map {@code {type, data, nsp, id}}, with
 * binary values inline as {@code bin}. Types are 0 to 4 only: an event or ack with binary
 * values keeps type 2 or 3. What a packet must hold is checked as the Node parser checks
 * it (an integer type, a string namespace, the data its type allows, an integer id), then
 * by the same rules as the default parser (event names, ack ids, limits).
 * <p>
 * The decoder keeps no state between messages, so one instance serves every connection.
 */
final class MsgPackSocketIoParser implements SocketIoParser, SocketIoParser.Decoder {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final MsgPackTrees trees;

	private final PayloadRules rules;

	private final int maxNestingDepth;

	MsgPackSocketIoParser(JsonMapper mapper, SocketIoParserLimits limits) {
		// The data of a packet sits in the packet's map: one level more than in JSON,
		// where the data is the outer value.
		this.maxNestingDepth = limits.maxNestingDepth();
		this.trees = new MsgPackTrees(mapper, Math.addExact(limits.maxNestingDepth(), 1));
		this.rules = new PayloadRules(limits, mapper.getNodeFactory());
	}

	@Override
	public SocketIoParserType type() {
		return SocketIoParserType.MSGPACK;
	}

	// Encoding

	@Override
	public List<EnginePacket> encode(SocketIoPacket packet) {
		// Key order as the Node server builds its packets; a client reads them by name.
		ObjectNode map = NODES.objectNode();
		map.put("type", wireType(packet.type()).id());
		JsonNode data = packet.data();
		if (data != null) {
			map.set("data", data);
		}
		map.put("nsp", packet.namespace());
		if (packet.hasAckId()) {
			map.put("id", packet.ackId());
		}
		return List.of(EnginePacket.message(this.trees.encode(map)));
	}

	private static SocketIoPacketType wireType(SocketIoPacketType type) {
		if (type.isEvent()) {
			return SocketIoPacketType.EVENT;
		}
		return type.isAck() ? SocketIoPacketType.ACK : type;
	}

	// Decoding

	@Override
	public Decoder newDecoder() {
		return this;
	}

	@Override
	public @Nullable SocketIoPacket decodeText(String text) {
		throw new SocketIoParseException(
				"Text message received: the server uses the msgpack parser, whose packets are binary messages");
	}

	@Override
	public SocketIoPacket decodeBinary(byte[] data) {
		JsonNode tree;
		try {
			tree = this.trees.decode(data);
		}
		catch (MsgPackTrees.DepthExceededException ex) {
			throw new SocketIoLimitExceededException("maxNestingDepth", "MessagePack payload nested deeper than "
					+ this.maxNestingDepth + " levels (parser limit maxNestingDepth)", ex);
		}
		catch (IllegalArgumentException ex) {
			throw new SocketIoParseException("Invalid MessagePack packet: " + ex.getMessage(), ex);
		}
		if (!tree.isObject()) {
			throw new SocketIoParseException("A msgpack packet must be a map, not " + tree.getNodeType());
		}
		SocketIoPacketType type = type(tree.get("type"));
		String namespace = namespace(tree.get("nsp"));
		JsonNode payload = tree.get("data");
		checkData(type, payload);
		long ackId = ackId(tree.get("id"));
		if (!type.isEvent() && !type.isAck()) {
			ackId = SocketIoPacket.NO_ACK_ID;
		}
		return new SocketIoPacket(type, namespace, ackId, this.rules.check(type, payload, ackId));
	}

	@Override
	public void reset() {
	}

	private static SocketIoPacketType type(@Nullable JsonNode type) {
		if (type != null && isInteger(type)) {
			long id = type.asLong();
			if (id >= 0 && id <= SocketIoPacketType.CONNECT_ERROR.id()) {
				return SocketIoPacketType.fromId((int) id);
			}
		}
		throw new SocketIoParseException("Invalid packet type: " + type);
	}

	private static String namespace(@Nullable JsonNode nsp) {
		if (nsp == null || !nsp.isString()) {
			throw new SocketIoParseException("Invalid namespace: " + nsp);
		}
		String namespace = nsp.stringValue();
		if (namespace.isEmpty() || namespace.charAt(0) != '/') {
			throw new SocketIoParseException("Namespace must start with '/': " + namespace);
		}
		return namespace;
	}

	/** The shapes socket.io-msgpack-parser accepts for each type. */
	private static void checkData(SocketIoPacketType type, @Nullable JsonNode data) {
		boolean valid = switch (type) {
			case CONNECT -> data == null || data.isObject();
			case DISCONNECT -> data == null;
			case CONNECT_ERROR -> data != null && (data.isString() || data.isObject());
			default -> data != null && data.isArray();
		};
		if (!valid) {
			throw new SocketIoParseException(
					"Invalid payload for a " + type + " packet: " + ((data != null) ? data.getNodeType() : "none"));
		}
	}

	private static long ackId(@Nullable JsonNode id) {
		if (id == null) {
			return SocketIoPacket.NO_ACK_ID;
		}
		if (isInteger(id) && id.canConvertToLong() && id.asLong() >= 0) {
			return id.asLong();
		}
		throw new SocketIoParseException("Invalid packet id: " + id);
	}

	/** JavaScript's Number.isInteger: 2.0 is an integer, as the client cannot tell. */
	private static boolean isInteger(JsonNode node) {
		if (node.isIntegralNumber()) {
			return true;
		}
		if (node.isNumber()) {
			double value = node.doubleValue();
			return Double.isFinite(value) && Math.floor(value) == value;
		}
		return false;
	}

}
