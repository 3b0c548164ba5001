package dev.realtime.socketio.protocol;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a packet's JSON payload straight from its text into the tree that Jackson's tree
 * reader builds from it, with the mapper's node factory: no parser, context, buffer or
 * symbol table per packet, which cost a fifth of the CPU of a small event. It covers RFC
 * 8259 JSON as clients send it; for anything else (a construct outside RFC 8259, an
 * integer too large for a {@code long}, a limit reached, an error) it returns
 * {@code null} and the caller parses with Jackson, which builds the tree or reports the
 * error: so the reader never needs to agree with Jackson on an error, only on trees.
 * <p>
 * Used only with the settings under which Jackson builds the same tree ({@link #of}).
 * Thread-safe.
 */
final class JsonTreeReader {

	/**
	 * Deeper documents go to Jackson, which enforces the nesting limit; it also bounds
	 * this reader's recursion.
	 */
	private static final int MAX_DEPTH = 64;

	/** Integers of up to 18 digits fit a {@code long}; longer ones go to Jackson. */
	private static final int MAX_INTEGER_DIGITS = 18;

	private static final int MAX_FLOAT_CHARS = 64;

	private final JsonNodeFactory nodes;

	private final int maxDepth;

	private final int maxStringLength;

	private final int maxNameLength;

	private final long maxDocumentLength;

	private JsonTreeReader(JsonNodeFactory nodes, int maxDepth, StreamReadConstraints constraints) {
		this.nodes = nodes;
		this.maxDepth = Math.min(MAX_DEPTH, maxDepth);
		this.maxStringLength = constraints.getMaxStringLength();
		this.maxNameLength = constraints.getMaxNameLength();
		this.maxDocumentLength = constraints.getMaxDocumentLength();
	}

	/**
	 * Return a reader for the given tree reader and parser settings, or {@code null} when
	 * they make Jackson build other trees than plain JSON gives (big numbers, failing or
	 * dropping properties) or count tokens.
	 * @param treeReader the reader whose deserialization features apply
	 * @param parsers the parser factory whose features and constraints apply
	 * @return the reader, or {@code null} to always parse with Jackson
	 */
	static @Nullable JsonTreeReader of(ObjectReader treeReader, TokenStreamFactory parsers) {
		DeserializationConfig config = treeReader.getConfig();
		boolean plain = !config.isEnabled(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
				&& !config.isEnabled(DeserializationFeature.USE_LONG_FOR_INTS)
				&& !config.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
				&& !config.isEnabled(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
				&& !Boolean.TRUE
					.equals(config.getDatatypeFeatures().getExplicitState(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS))
				&& config.getDatatypeFeatures().isEnabled(JsonNodeFeature.READ_NULL_PROPERTIES)
				&& !parsers.isEnabled(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
				&& parsers.streamReadConstraints().getMaxTokenCount() <= 0;
		if (!plain) {
			return null;
		}
		StreamReadConstraints constraints = parsers.streamReadConstraints();
		return new JsonTreeReader(config.getNodeFactory(), constraints.getMaxNestingDepth(), constraints);
	}

	/**
	 * Read the JSON value that spans {@code text} from {@code offset} to its end.
	 * @param text the packet
	 * @param offset where the payload starts
	 * @return the tree, or {@code null} if Jackson has to parse the payload
	 */
	@Nullable JsonNode read(String text, int offset) {
		if (this.maxDocumentLength > 0 && text.length() - offset > this.maxDocumentLength) {
			return null;
		}
		Cursor cursor = new Cursor(text, offset);
		JsonNode value = cursor.value(0);
		return (value != null && cursor.skipWhitespace() == text.length()) ? value : null;
	}

	private static int hex4(String text, int p) {
		int code = 0;
		for (int i = p; i < p + 4; i++) {
			char c = text.charAt(i);
			int digit;
			if (c >= '0' && c <= '9') {
				digit = c - '0';
			}
			else if (c >= 'a' && c <= 'f') {
				digit = c - 'a' + 10;
			}
			else if (c >= 'A' && c <= 'F') {
				digit = c - 'A' + 10;
			}
			else {
				return -1;
			}
			code = (code << 4) | digit;
		}
		return code;
	}

	/** One read: the position in the text. */
	private final class Cursor {

		private final String text;

		private final int end;

		private int pos;

		Cursor(String text, int offset) {
			this.text = text;
			this.end = text.length();
			this.pos = offset;
		}

		/** Skip JSON whitespace; return the position of the next character or the end. */
		int skipWhitespace() {
			int p = this.pos;
			while (p < this.end) {
				char c = this.text.charAt(p);
				if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
					break;
				}
				p++;
			}
			this.pos = p;
			return p;
		}

		@Nullable JsonNode value(int depth) {
			if (skipWhitespace() == this.end) {
				return null;
			}
			JsonNodeFactory nodes = JsonTreeReader.this.nodes;
			return switch (this.text.charAt(this.pos)) {
				case '[' -> array(depth + 1);
				case '{' -> object(depth + 1);
				case '"' -> {
					String value = string(JsonTreeReader.this.maxStringLength);
					yield (value != null) ? nodes.stringNode(value) : null;
				}
				case 't' -> literal("true") ? nodes.booleanNode(true) : null;
				case 'f' -> literal("false") ? nodes.booleanNode(false) : null;
				case 'n' -> literal("null") ? nodes.nullNode() : null;
				default -> number();
			};
		}

		private @Nullable JsonNode array(int depth) {
			if (depth > JsonTreeReader.this.maxDepth) {
				return null;
			}
			this.pos++;
			ArrayNode array = JsonTreeReader.this.nodes.arrayNode();
			if (consume(']')) {
				return array;
			}
			while (true) {
				JsonNode element = value(depth);
				if (element == null) {
					return null;
				}
				array.add(element);
				int next = next();
				if (next == ']') {
					return array;
				}
				if (next != ',') {
					return null;
				}
			}
		}

		private @Nullable JsonNode object(int depth) {
			if (depth > JsonTreeReader.this.maxDepth) {
				return null;
			}
			this.pos++;
			ObjectNode object = JsonTreeReader.this.nodes.objectNode();
			if (consume('}')) {
				return object;
			}
			while (true) {
				if (skipWhitespace() == this.end || this.text.charAt(this.pos) != '"') {
					return null;
				}
				String name = string(JsonTreeReader.this.maxNameLength);
				if (name == null || next() != ':') {
					return null;
				}
				JsonNode value = value(depth);
				if (value == null) {
					return null;
				}
				// A repeated name replaces the value in place, as Jackson's tree does
				object.replace(name, value);
				int next = next();
				if (next == '}') {
					return object;
				}
				if (next != ',') {
					return null;
				}
			}
		}

		/** Consume {@code c} if it is the next character after whitespace. */
		private boolean consume(char c) {
			if (skipWhitespace() < this.end && this.text.charAt(this.pos) == c) {
				this.pos++;
				return true;
			}
			return false;
		}

		/** Consume the next character after whitespace; -1 at the end. */
		private int next() {
			return (skipWhitespace() < this.end) ? this.text.charAt(this.pos++) : -1;
		}

		private boolean literal(String literal) {
			if (!this.text.startsWith(literal, this.pos)) {
				return false;
			}
			this.pos += literal.length();
			return true;
		}

		/** Read the string that starts at the current quote. */
		private @Nullable String string(int maxLength) {
			String text = this.text;
			int start = this.pos + 1;
			for (int p = start; p < this.end; p++) {
				char c = text.charAt(p);
				if (c == '"') {
					if (p - start >= maxLength) {
						return null;
					}
					this.pos = p + 1;
					return text.substring(start, p);
				}
				if (c == '\\') {
					return escapedString(start, p, maxLength);
				}
				if (c < 0x20) {
					return null;
				}
			}
			return null;
		}

		private @Nullable String escapedString(int start, int firstEscape, int maxLength) {
			String text = this.text;
			StringBuilder value = new StringBuilder(firstEscape - start + 16);
			value.append(text, start, firstEscape);
			int p = firstEscape;
			while (p < this.end) {
				char c = text.charAt(p++);
				if (c == '"') {
					if (value.length() >= maxLength) {
						return null;
					}
					this.pos = p;
					return value.toString();
				}
				if (c < 0x20) {
					return null;
				}
				if (c != '\\') {
					value.append(c);
					continue;
				}
				if (p == this.end) {
					return null;
				}
				char escaped = text.charAt(p++);
				switch (escaped) {
					case '"', '\\', '/' -> value.append(escaped);
					case 'b' -> value.append('\b');
					case 'f' -> value.append('\f');
					case 'n' -> value.append('\n');
					case 'r' -> value.append('\r');
					case 't' -> value.append('\t');
					case 'u' -> {
						int code = (p + 4 <= this.end) ? hex4(text, p) : -1;
						if (code < 0) {
							return null;
						}
						value.append((char) code);
						p += 4;
					}
					default -> {
						return null;
					}
				}
			}
			return null;
		}

		/**
		 * Read a number: an {@code int} node when it fits one, else a {@code long} node
		 * for an integer, a {@code double} node for a fraction or an exponent, as
		 * Jackson's tree reader does without coercion features.
		 */
		private @Nullable JsonNode number() {
			String text = this.text;
			int start = this.pos;
			int p = start;
			boolean negative = p < this.end && text.charAt(p) == '-';
			if (negative) {
				p++;
			}
			int digits = p;
			if (p == this.end) {
				return null;
			}
			char first = text.charAt(p);
			if (first == '0') {
				p++;
			}
			else if (first >= '1' && first <= '9') {
				p = skipDigits(p);
			}
			else {
				return null;
			}
			int integerEnd = p;
			boolean integral = true;
			if (p < this.end && text.charAt(p) == '.') {
				integral = false;
				int fraction = p + 1;
				p = skipDigits(fraction);
				if (p == fraction) {
					return null;
				}
			}
			if (p < this.end && (text.charAt(p) == 'e' || text.charAt(p) == 'E')) {
				integral = false;
				p++;
				if (p < this.end && (text.charAt(p) == '+' || text.charAt(p) == '-')) {
					p++;
				}
				int exponent = p;
				p = skipDigits(exponent);
				if (p == exponent) {
					return null;
				}
			}
			this.pos = p;
			JsonNodeFactory nodes = JsonTreeReader.this.nodes;
			if (integral) {
				if (integerEnd - digits > MAX_INTEGER_DIGITS) {
					return null;
				}
				long value = 0;
				for (int i = digits; i < integerEnd; i++) {
					value = value * 10 + (text.charAt(i) - '0');
				}
				if (negative) {
					value = -value;
				}
				return (value == (int) value) ? nodes.numberNode((int) value) : nodes.numberNode(value);
			}
			if (p - start > MAX_FLOAT_CHARS) {
				return null;
			}
			double value = Double.parseDouble(text.substring(start, p));
			return Double.isInfinite(value) ? null : nodes.numberNode(value);
		}

		private int skipDigits(int from) {
			int p = from;
			while (p < this.end && text.charAt(p) >= '0' && text.charAt(p) <= '9') {
				p++;
			}
			return p;
		}

	}

}
