package dev.realtime.socketio.contract.asyncapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.realtime.socketio.contract.AckContract;
import dev.realtime.socketio.contract.ArgumentContract;
import dev.realtime.socketio.contract.EventContract;
import dev.realtime.socketio.contract.NamespaceContract;
import dev.realtime.socketio.contract.PayloadTypes;
import dev.realtime.socketio.contract.SocketIoContract;

/**
 * Writes a {@link SocketIoContract} as an AsyncAPI 3.0 document.
 * <p>
 * Each namespace is a channel whose address is the namespace name (unknown, {@code null},
 * for a dynamic namespace, whose pattern the {@code x-socketio-namespace-pattern}
 * extension holds). Each event a client sends is a {@code receive} operation; when the
 * handler answers acks, its {@code reply} is the ack message on the same channel. Each
 * event the server emits is a {@code send} operation. A message's payload is the event's
 * only argument, or the tuple (an array) of its arguments; an event without arguments has
 * no payload. Payload types are schemas under {@code components.schemas}.
 * <p>
 * Channel message keys: {@code <event>} for an event a client sends, {@code <event>.ack}
 * for its reply and {@code <event>.server} for an event the server sends (a namespace may
 * use one name both ways).
 *
 * @since 0.1.0
 */
public class SocketIoAsyncApiGenerator {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private final JsonMapper jsonMapper;

	/**
	 * Create a generator.
	 * @param jsonMapper the application's mapper, whose view of the payload types the
	 * schemas describe
	 */
	public SocketIoAsyncApiGenerator(JsonMapper jsonMapper) {
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
	}

	/**
	 * Write the document.
	 * @param contract the contract
	 * @param info the document's title, version and description
	 * @return the document
	 */
	public ObjectNode generate(SocketIoContract contract, AsyncApiInfo info) {
		PayloadTypes types = new PayloadTypes(this.jsonMapper);
		ObjectNode document = nodes.objectNode();
		document.put("asyncapi", "3.0.0");
		ObjectNode infoNode = document.putObject("info");
		infoNode.put("title", info.title());
		infoNode.put("version", info.version());
		if (!info.description().isEmpty()) {
			infoNode.put("description", info.description());
		}
		document.put("defaultContentType", "application/json");
		ObjectNode channels = document.putObject("channels");
		ObjectNode operations = document.putObject("operations");
		ObjectNode components = document.putObject("components");
		ObjectNode schemas = nodes.objectNode();
		ObjectNode messages = components.putObject("messages");
		List<String> channelIds = new ArrayList<>();
		for (NamespaceContract namespace : contract.namespaces()) {
			String channelId = uniqueId(namespace.id(), channelIds);
			ObjectNode channel = channels.putObject(channelId);
			if (namespace.pattern()) {
				channel.putNull("address");
				channel.put("description", "The dynamic namespaces whose name matches " + namespace.name());
				channel.put("x-socketio-namespace-pattern", namespace.name());
			}
			else {
				channel.put("address", namespace.name());
				channel.put("description", "The Socket.IO namespace " + namespace.name());
			}
			ObjectNode channelMessages = channel.putObject("messages");
			for (EventContract event : namespace.clientEvents()) {
				String messageId = event.name();
				addMessage(channelId, messageId, event.name(), "Sent by clients: " + event.name(),
						payload(event.arguments(), types), channelMessages, messages);
				ObjectNode operation = operation(operations, channelId + ".receive." + event.name(), "receive",
						channelId, messageId);
				AckContract ack = event.ack();
				if (ack != null) {
					String ackId = event.name() + ".ack";
					ObjectNode ackPayload = (ack.type() != null) ? JsonSchemas.schema(types.describe(ack.type()))
							: null;
					addMessage(channelId, ackId, event.name(), "The ack reply to " + event.name(), ackPayload,
							channelMessages, messages);
					ObjectNode reply = operation.putObject("reply");
					reply.putObject("channel").put("$ref", "#/channels/" + channelId);
					reply.putArray("messages").addObject().put("$ref", messageRef(channelId, ackId));
				}
			}
			for (EventContract event : namespace.serverEvents()) {
				String messageId = event.name() + ".server";
				addMessage(channelId, messageId, event.name(),
						event.description().isEmpty() ? "Sent by the server: " + event.name() : event.description(),
						payload(event.arguments(), types), channelMessages, messages);
				operation(operations, channelId + ".send." + event.name(), "send", channelId, messageId);
			}
		}
		types.objectTypes().forEach((name, type) -> schemas.set(name, JsonSchemas.objectSchema(type)));
		if (!schemas.isEmpty()) {
			components.set("schemas", schemas);
		}
		return document;
	}

	private static ObjectNode operation(ObjectNode operations, String id, String action, String channelId,
			String messageId) {
		ObjectNode operation = operations.putObject(id);
		operation.put("action", action);
		operation.putObject("channel").put("$ref", "#/channels/" + channelId);
		operation.putArray("messages").addObject().put("$ref", messageRef(channelId, messageId));
		return operation;
	}

	private static void addMessage(String channelId, String messageId, String eventName, String summary,
			@Nullable ObjectNode payload, ObjectNode channelMessages, ObjectNode messages) {
		String componentId = channelId + "." + messageId;
		ObjectNode message = messages.putObject(componentId);
		message.put("name", eventName);
		message.put("summary", summary);
		if (payload != null) {
			message.set("payload", payload);
		}
		channelMessages.putObject(messageId).put("$ref", "#/components/messages/" + componentId);
	}

	private static @Nullable ObjectNode payload(List<ArgumentContract> arguments, PayloadTypes types) {
		if (arguments.isEmpty()) {
			return null;
		}
		List<ObjectNode> schemas = new ArrayList<>(arguments.size());
		int required = 0;
		boolean leading = true;
		for (ArgumentContract argument : arguments) {
			ObjectNode schema = JsonSchemas.schema(types.describe(argument.type()));
			schemas.add(schema);
			leading &= argument.required();
			if (leading) {
				required++;
			}
		}
		return JsonSchemas.arguments(schemas, required);
	}

	private static String messageRef(String channelId, String messageId) {
		return "#/channels/" + channelId + "/messages/" + messageId;
	}

	private static String uniqueId(String id, List<String> taken) {
		String unique = id;
		for (int i = 2; taken.contains(unique); i++) {
			unique = id + "_" + i;
		}
		taken.add(unique);
		return unique;
	}

}
