package dev.realtime.socketio.contract.typescript;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import dev.realtime.socketio.contract.AckContract;
import dev.realtime.socketio.contract.ArgumentContract;
import dev.realtime.socketio.contract.EventContract;
import dev.realtime.socketio.contract.NamespaceContract;
import dev.realtime.socketio.contract.PayloadType;
import dev.realtime.socketio.contract.PayloadType.ObjectType;
import dev.realtime.socketio.contract.PayloadType.Property;
import dev.realtime.socketio.contract.PayloadTypes;
import dev.realtime.socketio.contract.SocketIoContract;

/**
 * Writes the TypeScript definitions of a {@link SocketIoContract}: one module per
 * namespace, named after {@link NamespaceContract#id()} ({@code chat.d.ts} for
 * {@code /chat}), with the interfaces {@code ClientToServerEvents} and
 * {@code ServerToClientEvents} that {@code socket.io-client}'s {@code Socket} type takes,
 * and an interface per record or bean its events carry. <pre class="code">
 * import { io, Socket } from "socket.io-client";
 * import type { ClientToServerEvents, ServerToClientEvents } from "./socketio/chat";
 *
 * const socket: Socket&lt;ServerToClientEvents, ClientToServerEvents&gt; = io("/chat");
 * </pre> An event the server answers takes the ack callback as its last parameter.
 * Properties that are not always present are optional ({@code ?}), {@code @Nullable} ones
 * may be {@code null}, and an argument that is not required may be {@code null}; numbers
 * are {@code number}, binary attachments {@code ArrayBuffer | ArrayBufferView}, and
 * untyped values {@code unknown}.
 *
 * @since 0.1.0
 */
public class SocketIoTypeScriptGenerator {

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

	private static final Set<String> RESERVED = Set.of("break", "case", "catch", "class", "const", "continue",
			"debugger", "default", "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for",
			"function", "if", "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw",
			"true", "try", "typeof", "var", "void", "while", "with", "let", "static", "yield", "await", "implements",
			"interface", "package", "private", "protected", "public", "arguments", "eval");

	private final JsonMapper jsonMapper;

	/**
	 * Create a generator.
	 * @param jsonMapper the mapper whose view of the payload types the interfaces
	 * describe
	 */
	public SocketIoTypeScriptGenerator(JsonMapper jsonMapper) {
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
	}

	/**
	 * Write the definitions.
	 * @param contract the contract
	 * @return the content of each file by its name, such as {@code chat.d.ts}
	 */
	public Map<String, String> generate(SocketIoContract contract) {
		Map<String, String> files = new LinkedHashMap<>();
		for (NamespaceContract namespace : contract.namespaces()) {
			String name = namespace.id() + ".d.ts";
			for (int i = 2; files.containsKey(name); i++) {
				name = namespace.id() + "_" + i + ".d.ts";
			}
			files.put(name, generate(namespace));
		}
		return files;
	}

	/**
	 * Write the definitions of one namespace.
	 * @param namespace the namespace
	 * @return the module's content
	 */
	public String generate(NamespaceContract namespace) {
		PayloadTypes types = new PayloadTypes(this.jsonMapper);
		StringBuilder events = new StringBuilder();
		events.append("/** Events the clients of ")
			.append(describe(namespace))
			.append(" send: socket.emit(...) on the client. */\n");
		events.append("export interface ClientToServerEvents {\n");
		for (EventContract event : namespace.clientEvents()) {
			events.append("\t").append(propertyName(event.name())).append(": (");
			events.append(parameters(event.arguments(), types));
			AckContract ack = event.ack();
			if (ack != null) {
				if (!event.arguments().isEmpty()) {
					events.append(", ");
				}
				events.append("ack: (");
				if (ack.type() != null) {
					events.append("reply: ").append(type(types.describe(ack.type())));
				}
				events.append(") => void");
			}
			events.append(") => void;\n");
		}
		events.append("}\n\n");
		events.append("/** Events the server sends to the clients of ")
			.append(describe(namespace))
			.append(": socket.on(...) on the client. */\n");
		events.append("export interface ServerToClientEvents {\n");
		for (EventContract event : namespace.serverEvents()) {
			if (!event.description().isEmpty()) {
				events.append("\t/** ").append(comment(event.description())).append(" */\n");
			}
			events.append("\t")
				.append(propertyName(event.name()))
				.append(": (")
				.append(parameters(event.arguments(), types))
				.append(") => void;\n");
		}
		events.append("}\n");
		StringBuilder module = new StringBuilder();
		module.append("// The events of the Socket.IO namespace ")
			.append(describe(namespace))
			.append(", generated from its @SocketIoNamespace handlers by socketio-contract. Do not edit.\n\n");
		for (ObjectType object : types.objectTypes().values()) {
			module.append(interfaceOf(object)).append("\n");
		}
		module.append(events);
		return module.toString();
	}

	private static String describe(NamespaceContract namespace) {
		return namespace.pattern() ? "matching " + namespace.name() : namespace.name();
	}

	private static String parameters(List<ArgumentContract> arguments, PayloadTypes types) {
		return arguments.stream()
			.map((argument) -> parameterName(argument.name()) + ": " + type(types.describe(argument.type()))
					+ (argument.required() ? "" : " | null"))
			.collect(Collectors.joining(", "));
	}

	private static String interfaceOf(ObjectType object) {
		StringBuilder out = new StringBuilder();
		out.append("/** ").append(object.javaType().getName()).append(" */\n");
		out.append("export interface ").append(typeName(object.name())).append(" {\n");
		for (Property property : object.properties()) {
			if (!property.constraints().isEmpty()) {
				out.append("\t/** ")
					.append(property.constraints()
						.entrySet()
						.stream()
						.map((entry) -> entry.getKey() + ": " + entry.getValue())
						.collect(Collectors.joining(", ")))
					.append(" */\n");
			}
			out.append("\t").append(propertyName(property.name()));
			if (!property.required()) {
				out.append("?");
			}
			out.append(": ").append(type(property.type()));
			if (property.nullable()) {
				out.append(" | null");
			}
			out.append(";\n");
		}
		out.append("}\n");
		return out.toString();
	}

	private static String type(PayloadType type) {
		if (type instanceof PayloadType.Scalar scalar) {
			return switch (scalar.jsonType()) {
				case "integer", "number" -> "number";
				case "boolean" -> "boolean";
				default -> "string";
			};
		}
		if (type instanceof PayloadType.Binary) {
			return "ArrayBuffer | ArrayBufferView";
		}
		if (type instanceof PayloadType.ArrayOf array) {
			return "Array<" + type(array.items()) + ">";
		}
		if (type instanceof PayloadType.MapOf map) {
			return "Record<string, " + type(map.values()) + ">";
		}
		if (type instanceof PayloadType.EnumOf enumeration) {
			return enumeration.values()
				.stream()
				.map(SocketIoTypeScriptGenerator::quote)
				.collect(Collectors.joining(" | "));
		}
		if (type instanceof PayloadType.Ref ref) {
			return typeName(ref.name());
		}
		return "unknown";
	}

	private static String typeName(String name) {
		return name.replace('.', '_');
	}

	private static String propertyName(String name) {
		return IDENTIFIER.matcher(name).matches() ? name : quote(name);
	}

	private static String parameterName(String name) {
		return RESERVED.contains(name) ? name + "_" : name;
	}

	private static String quote(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static String comment(String text) {
		return text.replace("*/", "* /");
	}

}
