package dev.realtime.socketio.protocol;

import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.LongNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JsonTreeReader}: whatever tree it reads is the tree Jackson's reader
 * builds from the same text, and what it does not read it leaves to Jackson.
 */
class JsonTreeReaderTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private static final ObjectReader jackson = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	private final JsonTreeReader reader = reader(mapper);

	@ParameterizedTest
	@ValueSource(strings = { "[\"ack\",{\"n\":1,\"text\":\"the quick brown fox jumps\"}]", "[]", "{}", "[[],{}]",
			"{\"a\":null,\"b\":true,\"c\":false}", "[0,-0,1,-1,2147483647,2147483648,-2147483648,-2147483649]",
			"[999999999999999999,-999999999999999999,9223372036854775]", "[1.5,-0.0,1e5,1E-3,1.0e+10,123.456e-7]",
			"[4.9e-324,1.7976931348623157e308,0.1,3.141592653589793]", "[\"\",\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]",
			"[\"\\u00e9\\u00E9\\ud83d\\ude00\\ud800\",\"é😀\"]", " \t\r\n[ 1 , { \"a\" : [ ] } ] \n",
			"{\"a\":1,\"b\":2,\"a\":3}", "{\"\":\"\"}", "\"text\"", "42", "null", "[true,false,null]" })
	void readsTheTreeJacksonBuilds(String json) {
		JsonNode tree = this.reader.read(json, 0);
		assertThat(tree).as(json).isNotNull();
		assertSameTree(tree, parseWithJackson(json));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "[", "]", "[1,]", "[,1]", "{\"a\"}", "{\"a\":}", "{\"a\" 1}", "{a:1}",
			"{\"a\":1,}", "[01]", "[-]", "[+1]", "[.5]", "[1.]", "[1e]", "[1e+]", "[0x10]", "[1a]", "[tru]", "[truex]",
			"[nul]", "[NaN]", "[Infinity]", "[1e400]", "[\"\\x\"]", "[\"\\u12\"]", "[\"\\u12g4\"]", "[\"\\u１２３４\"]",
			"[\"a\nb\"]", "[\"a", "[\"a\\", "[1] x", "[1][2]", "[1]]", "[1000000000000000000]",
			"[-9223372036854775808]", "[123456789012345678901234567890]", "[1,/*c*/2]", "['a']", "\u00a0[1]" })
	void leavesToJacksonWhatItDoesNotRead(String json) {
		assertThat(this.reader.read(json, 0)).as(json).isNull();
	}

	@Test
	void readsFromAnOffset() {
		String packet = "42/chat,17[\"message\",\"hi\"]";
		assertSameTree(this.reader.read(packet, packet.indexOf('[')), parseWithJackson("[\"message\",\"hi\"]"));
	}

	@Test
	void leavesDocumentsDeeperThanTheLimitToJackson() {
		JsonTreeReader shallow = JsonTreeReader.of(jackson,
				mapper.tokenStreamFactory()
					.rebuild()
					.streamReadConstraints(
							mapper.tokenStreamFactory().streamReadConstraints().rebuild().maxNestingDepth(3).build())
					.build());
		assertThat(shallow).isNotNull();
		assertThat(shallow.read("[[[1]]]", 0)).isNotNull();
		assertThat(shallow.read("[[[[1]]]]", 0)).isNull();
		assertThat(this.reader.read("[".repeat(100_000), 0)).isNull();
		assertThat(this.reader.read("[".repeat(64) + "]".repeat(64), 0)).isNotNull();
		assertThat(this.reader.read("[".repeat(65) + "]".repeat(65), 0)).isNull();
	}

	@Test
	void isNotUsedWhenTheMapperBuildsOtherTrees() {
		assertThat(JsonTreeReader.of(
				JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build().reader(),
				mapper.tokenStreamFactory()))
			.isNull();
		assertThat(JsonTreeReader.of(
				JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build().reader(),
				mapper.tokenStreamFactory()))
			.isNull();
		assertThat(JsonTreeReader.of(
				JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build().reader(),
				mapper.tokenStreamFactory()))
			.isNull();
		assertThat(
				JsonTreeReader.of(JsonMapper.builder().disable(JsonNodeFeature.READ_NULL_PROPERTIES).build().reader(),
						mapper.tokenStreamFactory()))
			.isNull();
		assertThat(JsonTreeReader.of(jackson,
				JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()))
			.isNull();
	}

	@Test
	void decoderKeepsTheMappersNumberSettings() {
		JsonMapper decimals = JsonMapper.builder()
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.enable(DeserializationFeature.USE_LONG_FOR_INTS)
			.build();
		SocketIoPacket packet = new SocketIoPacketDecoder(decimals, SocketIoParserLimits.defaults())
			.decodeText("2[\"n\",1.5,1]");
		assertThat(packet).isNotNull();
		assertThat(packet.arrayData().get(1)).isInstanceOf(DecimalNode.class);
		assertThat(packet.arrayData().get(2)).isInstanceOf(LongNode.class);
	}

	/**
	 * Random documents, most of them valid and some of them broken by one edit: every
	 * tree the reader returns must be Jackson's.
	 */
	@Test
	void agreesWithJacksonOnRandomDocuments() {
		SplittableRandom random = new SplittableRandom(20261204);
		int read = 0;
		int valid = 0;
		for (int i = 0; i < 20_000; i++) {
			StringBuilder json = new StringBuilder();
			appendValue(json, random, 0);
			if (random.nextInt(4) == 0) {
				mutate(json, random);
			}
			String text = json.toString();
			JsonNode expected = parseWithJackson(text);
			JsonNode tree = this.reader.read(text, 0);
			if (expected != null) {
				valid++;
			}
			if (tree != null) {
				read++;
				assertThat(expected).as("Jackson refused what the reader read: %s", text).isNotNull();
				assertSameTree(tree, expected);
			}
		}
		// The reader must take the common case, not leave everything to Jackson
		assertThat(read).isGreaterThan(valid * 3 / 4);
	}

	private static void appendValue(StringBuilder json, SplittableRandom random, int depth) {
		int kind = random.nextInt((depth < 6) ? 9 : 6);
		whitespace(json, random);
		switch (kind) {
			case 0 -> json.append(random.nextBoolean() ? "true" : "false");
			case 1 -> json.append("null");
			case 2, 3 -> appendNumber(json, random);
			case 4, 5 -> appendString(json, random);
			case 6 -> {
				json.append('[');
				int size = random.nextInt(5);
				for (int i = 0; i < size; i++) {
					if (i > 0) {
						json.append(',');
					}
					appendValue(json, random, depth + 1);
				}
				whitespace(json, random);
				json.append(']');
			}
			default -> {
				json.append('{');
				int size = random.nextInt(5);
				for (int i = 0; i < size; i++) {
					if (i > 0) {
						json.append(',');
					}
					whitespace(json, random);
					if (random.nextInt(3) == 0) {
						json.append("\"k\"");
					}
					else {
						appendString(json, random);
					}
					whitespace(json, random);
					json.append(':');
					appendValue(json, random, depth + 1);
				}
				whitespace(json, random);
				json.append('}');
			}
		}
		whitespace(json, random);
	}

	private static void appendNumber(StringBuilder json, SplittableRandom random) {
		switch (random.nextInt(6)) {
			case 0 -> json.append(random.nextInt(-20, 20));
			case 1 -> json.append(random.nextInt());
			case 2 -> json.append(random.nextLong());
			case 3 -> json.append(random.nextLong(-3_000_000_000L, 3_000_000_000L));
			case 4 -> json.append(random.nextDouble() * Math.pow(10, random.nextInt(-30, 30)));
			default -> {
				String[] edge = { "-0", "0.0", "-0.0", "1e5", "1E+2", "2e-3", "1.25E10", "9223372036854775807",
						"-9223372036854775808", "123456789012345678", "1234567890123456789", "2147483648",
						"-2147483649", "1e400", "1e-400", "00", "1.", "-", "0e0" };
				json.append(edge[random.nextInt(edge.length)]);
			}
		}
	}

	private static void appendString(StringBuilder json, SplittableRandom random) {
		String[] pieces = { "a", "text", " ", "é", "😀", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\b", "\\f", "\\r",
				"\\u0041", "\\u00e9", "\\uD83D\\uDE00", "\\ud800", "\\u001f", "\u0001", "\\x", "\\u12", "\u2028",
				"\"" };
		json.append('"');
		int size = random.nextInt(6);
		for (int i = 0; i < size; i++) {
			// Mostly valid pieces; the last five may break the string
			int bound = (random.nextInt(10) == 0) ? pieces.length : pieces.length - 5;
			json.append(pieces[random.nextInt(bound)]);
		}
		json.append('"');
	}

	private static void whitespace(StringBuilder json, SplittableRandom random) {
		if (random.nextInt(5) == 0) {
			json.append(" \t\n\r".charAt(random.nextInt(4)));
		}
	}

	private static void mutate(StringBuilder json, SplittableRandom random) {
		String inserts = "[]{},:\"\\0-.e1 xtn";
		int at = random.nextInt(json.length() + 1);
		switch (random.nextInt(3)) {
			case 0 -> {
				if (at < json.length()) {
					json.deleteCharAt(at);
				}
			}
			case 1 -> json.insert(at, inserts.charAt(random.nextInt(inserts.length())));
			default -> json.append(json, 0, at);
		}
	}

	private static @Nullable JsonNode parseWithJackson(String json) {
		try (JsonParser parser = jackson.createParser(json)) {
			JsonNode tree = jackson.readTree(parser);
			if (tree == null || tree.isMissingNode() || parser.nextToken() != null) {
				return null;
			}
			return tree;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** Same node classes, values and property order. */
	private static void assertSameTree(@Nullable JsonNode actual, @Nullable JsonNode expected) {
		assertThat(actual).isNotNull();
		assertThat(expected).isNotNull();
		assertThat(actual.getClass()).isEqualTo(expected.getClass());
		assertThat(actual).isEqualTo(expected);
		if (actual.isArray()) {
			for (int i = 0; i < actual.size(); i++) {
				assertSameTree(actual.get(i), expected.get(i));
			}
		}
		else if (actual.isObject()) {
			Iterator<Map.Entry<String, JsonNode>> expectedProperties = expected.properties().iterator();
			for (Map.Entry<String, JsonNode> property : actual.properties()) {
				Map.Entry<String, JsonNode> other = expectedProperties.next();
				assertThat(property.getKey()).isEqualTo(other.getKey());
				assertSameTree(property.getValue(), other.getValue());
			}
		}
	}

	private static JsonTreeReader reader(JsonMapper mapper) {
		JsonTreeReader reader = JsonTreeReader.of(jackson, mapper.tokenStreamFactory());
		assertThat(reader).isNotNull();
		return reader;
	}

}
