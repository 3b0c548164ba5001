package dev.realtime.socketio.protocol;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.node.POJONode;

/**
 * Writes a JSON tree as compact text, exactly as JavaScript's {@code JSON.stringify}
 * writes the same values: properties in tree order, no whitespace, the same string
 * escapes and number formats. Binary values are replaced by
 * {@code {"_placeholder":true,"num":N}} and collected as attachments, in depth-first
 * order (Socket.IO v5, binary packets). Not thread-safe: use one instance per packet.
 */
final class JsonTextWriter {

	private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

	private final StringBuilder out;

	private final ObjectWriter pojoWriter;

	private final List<byte[]> attachments;

	/**
	 * Create a writer.
	 * @param out where to append the text
	 * @param pojoWriter the writer for POJO values that are not binary
	 * @param attachments where to collect binary values
	 */
	JsonTextWriter(StringBuilder out, ObjectWriter pojoWriter, List<byte[]> attachments) {
		this.out = out;
		this.pojoWriter = pojoWriter;
		this.attachments = attachments;
	}

	void write(JsonNode node) {
		switch (node.getNodeType()) {
			case OBJECT -> writeObject(node);
			case ARRAY -> writeArray(node);
			case STRING -> writeString(node.stringValue());
			case NUMBER -> JsNumberFormatter.append(this.out, node);
			case BOOLEAN -> this.out.append(node.booleanValue());
			case BINARY, POJO -> writeValue(node);
			default -> this.out.append("null");
		}
	}

	private void writeObject(JsonNode node) {
		this.out.append('{');
		boolean first = true;
		for (Map.Entry<String, JsonNode> property : node.properties()) {
			// JSON.stringify omits undefined properties
			if (property.getValue().isMissingNode()) {
				continue;
			}
			if (!first) {
				this.out.append(',');
			}
			first = false;
			writeString(property.getKey());
			this.out.append(':');
			write(property.getValue());
		}
		this.out.append('}');
	}

	private void writeArray(JsonNode node) {
		this.out.append('[');
		boolean first = true;
		for (JsonNode element : node) {
			if (!first) {
				this.out.append(',');
			}
			first = false;
			write(element);
		}
		this.out.append(']');
	}

	private void writeValue(JsonNode node) {
		byte[] bytes = BinaryValues.bytes(node);
		if (bytes != null) {
			writePlaceholder(bytes);
		}
		else {
			this.out.append(this.pojoWriter.writeValueAsString(((POJONode) node).getPojo()));
		}
	}

	private void writePlaceholder(byte[] bytes) {
		this.out.append("{\"_placeholder\":true,\"num\":").append(this.attachments.size()).append('}');
		this.attachments.add(bytes);
	}

	private void writeString(String value) {
		this.out.append('"');
		int length = value.length();
		int start = 0;
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
				continue;
			}
			if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
				continue;
			}
			this.out.append(value, start, i);
			appendEscape(this.out, c);
			start = i + 1;
		}
		this.out.append(value, start, length).append('"');
	}

	private static void appendEscape(StringBuilder out, char c) {
		switch (c) {
			case '"' -> out.append("\\\"");
			case '\\' -> out.append("\\\\");
			case '\b' -> out.append("\\b");
			case '\f' -> out.append("\\f");
			case '\n' -> out.append("\\n");
			case '\r' -> out.append("\\r");
			case '\t' -> out.append("\\t");
			// Other control characters and lone surrogates, in lowercase hex as
			// JSON.stringify
			default -> out.append("\\u")
				.append(HEX_DIGITS[(c >> 12) & 0xF])
				.append(HEX_DIGITS[(c >> 8) & 0xF])
				.append(HEX_DIGITS[(c >> 4) & 0xF])
				.append(HEX_DIGITS[c & 0xF]);
		}
	}

}
