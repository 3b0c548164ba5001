package dev.realtime.socketio.protocol;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Checks the payload of a decoded packet against the rules of its type (Socket.IO v5,
 * packet types) and returns the packet data.
 */
final class PayloadRules {

	/** Event names a client must not send (Socket.IO v5, events and acks). */
	private final SocketIoParserLimits limits;

	private final JsonNodeFactory nodeFactory;

	PayloadRules(SocketIoParserLimits limits, JsonNodeFactory nodeFactory) {
		this.limits = limits;
		this.nodeFactory = nodeFactory;
	}

	/**
	 * Check the payload of a packet and return its data.
	 * @param type the packet type
	 * @param payload the parsed payload, or {@code null} if the packet had none
	 * @param ackId the ack id of the packet, or a negative value
	 * @return the packet data
	 * @throws SocketIoParseException if the payload breaks the rules of the type
	 */
	@Nullable JsonNode check(SocketIoPacketType type, @Nullable JsonNode payload, long ackId) {
		return switch (type) {
			case CONNECT -> checkConnect(payload);
			case DISCONNECT -> checkDisconnect(payload);
			case EVENT, BINARY_EVENT -> checkEvent(type, payload);
			case ACK, BINARY_ACK -> checkAck(type, payload, ackId);
			case CONNECT_ERROR -> checkConnectError(payload);
		};
	}

	private @Nullable JsonNode checkConnect(@Nullable JsonNode payload) {
		if (payload != null && !payload.isObject()) {
			throw new SocketIoParseException("CONNECT payload must be a JSON object");
		}
		return payload;
	}

	private @Nullable JsonNode checkDisconnect(@Nullable JsonNode payload) {
		if (payload != null) {
			throw new SocketIoParseException("DISCONNECT packet must not have a payload");
		}
		return null;
	}

	private JsonNode checkEvent(SocketIoPacketType type, @Nullable JsonNode payload) {
		if (payload == null || !payload.isArray() || payload.isEmpty()) {
			throw new SocketIoParseException(type + " payload must be a non-empty JSON array");
		}
		JsonNode name = payload.get(0);
		if (name.isString()) {
			String text = name.stringValue();
			if (text.length() > this.limits.maxEventNameLength()) {
				throw new SocketIoLimitExceededException("maxEventNameLength", "Event name longer than "
						+ this.limits.maxEventNameLength() + " chars (parser limit maxEventNameLength)");
			}
			if (SocketIoPacket.RESERVED_EVENT_NAMES.contains(text)) {
				throw new SocketIoParseException("Reserved event name: " + text);
			}
		}
		else if (!name.isNumber()) {
			throw new SocketIoParseException("Event name must be a string or a number");
		}
		return payload;
	}

	private JsonNode checkAck(SocketIoPacketType type, @Nullable JsonNode payload, long ackId) {
		if (ackId < 0) {
			throw new SocketIoParseException(type + " packet must have an ack id");
		}
		if (payload == null || !payload.isArray()) {
			throw new SocketIoParseException(type + " payload must be a JSON array");
		}
		return payload;
	}

	private JsonNode checkConnectError(@Nullable JsonNode payload) {
		if (payload != null && payload.isObject()) {
			return payload;
		}
		if (payload != null && payload.isString()) {
			// Tolerated from old clients: normalised to the object form
			return this.nodeFactory.objectNode().put("message", payload.stringValue());
		}
		throw new SocketIoParseException("CONNECT_ERROR payload must be a JSON object or string");
	}

}
