package dev.realtime.socketio.contract.asyncapi;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.realtime.socketio.contract.PayloadType;
import dev.realtime.socketio.contract.PayloadType.ObjectType;
import dev.realtime.socketio.contract.PayloadType.Property;

/**
 * Writes {@link PayloadType}s as JSON Schema (the draft-07 subset AsyncAPI schemas are);
 * object types are referenced from {@code #/components/schemas}.
 */
final class JsonSchemas {

	static final String SCHEMAS = "#/components/schemas/";

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private JsonSchemas() {
	}

	static ObjectNode schema(PayloadType type) {
		ObjectNode schema = nodes.objectNode();
		if (type instanceof PayloadType.Scalar scalar) {
			schema.put("type", scalar.jsonType());
			if (scalar.format() != null) {
				schema.put("format", scalar.format());
			}
		}
		else if (type instanceof PayloadType.Binary) {
			schema.put("type", "string");
			schema.put("format", "binary");
			schema.put("description", "A binary attachment");
		}
		else if (type instanceof PayloadType.ArrayOf array) {
			schema.put("type", "array");
			schema.set("items", schema(array.items()));
			if (array.unique()) {
				schema.put("uniqueItems", true);
			}
		}
		else if (type instanceof PayloadType.MapOf map) {
			schema.put("type", "object");
			schema.set("additionalProperties", schema(map.values()));
		}
		else if (type instanceof PayloadType.EnumOf enumeration) {
			schema.put("type", "string");
			ArrayNode values = schema.putArray("enum");
			enumeration.values().forEach(values::add);
		}
		else if (type instanceof PayloadType.Ref ref) {
			schema.put("$ref", SCHEMAS + ref.name());
		}
		// PayloadType.Any: the empty schema
		return schema;
	}

	static ObjectNode objectSchema(ObjectType type) {
		ObjectNode schema = nodes.objectNode();
		schema.put("type", "object");
		schema.put("title", type.javaType().getSimpleName());
		ObjectNode properties = schema.putObject("properties");
		ArrayNode required = nodes.arrayNode();
		for (Property property : type.properties()) {
			properties.set(property.name(), propertySchema(property));
			if (property.required()) {
				required.add(property.name());
			}
		}
		if (!required.isEmpty()) {
			schema.set("required", required);
		}
		return schema;
	}

	private static ObjectNode propertySchema(Property property) {
		ObjectNode schema = schema(property.type());
		if (schema.has("$ref")) {
			if (!property.nullable() && property.constraints().isEmpty()) {
				return schema;
			}
			// Draft-07 ignores the siblings of $ref: combine instead.
			ObjectNode combined = nodes.objectNode();
			ArrayNode anyOf = combined.putArray("anyOf");
			ObjectNode constrained = schema;
			if (!property.constraints().isEmpty()) {
				constrained = nodes.objectNode();
				constrained.putArray("allOf").add(schema);
				addKeywords(constrained, property.constraints());
			}
			anyOf.add(constrained);
			if (property.nullable()) {
				anyOf.addObject().put("type", "null");
			}
			return combined;
		}
		addKeywords(schema, property.constraints());
		if (property.nullable() && schema.has("type")) {
			String type = schema.get("type").asString();
			schema.putArray("type").add(type).add("null");
		}
		return schema;
	}

	private static void addKeywords(ObjectNode schema, Map<String, Object> keywords) {
		keywords.forEach((keyword, value) -> {
			if (value instanceof Integer number) {
				schema.put(keyword, number);
			}
			else if (value instanceof Long number) {
				schema.put(keyword, number);
			}
			else if (value instanceof BigDecimal number) {
				schema.put(keyword, number);
			}
			else {
				schema.put(keyword, String.valueOf(value));
			}
		});
	}

	/**
	 * The payload of an event: its only argument, or a tuple of its arguments.
	 */
	static ObjectNode arguments(List<ObjectNode> arguments, int required) {
		if (arguments.size() == 1) {
			return arguments.get(0);
		}
		ObjectNode schema = nodes.objectNode();
		schema.put("type", "array");
		ArrayNode items = schema.putArray("items");
		arguments.forEach(items::add);
		schema.put("minItems", required);
		schema.put("maxItems", arguments.size());
		return schema;
	}

}
