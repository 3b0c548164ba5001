package dev.realtime.socketio.redis;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * MessagePack as the Node adapter's {@code notepack.io} writes and reads it, for Jackson
 * trees: integers in their smallest form, other numbers as float 64, binary as
 * {@code bin}, maps with string keys. Timestamps (ext -1) read as the ISO-8601 text that
 * {@code Date.toJSON()} produces; the legacy {@code undefined} (fixext 1, type 0) reads
 * as {@code null}; the legacy ArrayBuffer (ext type 0) reads as binary.
 */
final class MsgPack {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final double MAX_SAFE_INTEGER = 9007199254740991d;

	private static final DateTimeFormatter JS_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private MsgPack() {
	}

	// Encoding

	static byte[] encode(JsonNode value) {
		Writer writer = new Writer();
		writer.write(value);
		return writer.toByteArray();
	}

	private static final class Writer extends ByteArrayOutputStream {

		Writer() {
			super(256);
		}

		void write(JsonNode value) {
			switch (value.getNodeType()) {
				case STRING -> writeString(value.stringValue());
				case NUMBER -> writeNumber(value);
				case BOOLEAN -> write(value.booleanValue() ? 0xc3 : 0xc2);
				case BINARY -> writeBinary(value.binaryValue());
				case ARRAY -> {
					writeHeader(value.size(), 0x90, 0xdc, 0xdd);
					for (JsonNode element : value) {
						write(element);
					}
				}
				case OBJECT -> {
					int size = 0;
					for (Map.Entry<String, JsonNode> entry : value.properties()) {
						if (!entry.getValue().isMissingNode()) {
							size++;
						}
					}
					writeHeader(size, 0x80, 0xde, 0xdf);
					for (Map.Entry<String, JsonNode> entry : value.properties()) {
						if (!entry.getValue().isMissingNode()) {
							writeString(entry.getKey());
							write(entry.getValue());
						}
					}
				}
				case POJO -> writeString(value.asString());
				default -> write(0xc0);
			}
		}

		private void writeHeader(int size, int fix, int marker16, int marker32) {
			if (size < 16) {
				write(fix | size);
			}
			else if (size < 0x10000) {
				write(marker16);
				writeShort(size);
			}
			else {
				write(marker32);
				writeInt(size);
			}
		}

		private void writeString(String text) {
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			int length = bytes.length;
			if (length < 0x20) {
				write(0xa0 | length);
			}
			else if (length < 0x100) {
				write(0xd9);
				write(length);
			}
			else if (length < 0x10000) {
				write(0xda);
				writeShort(length);
			}
			else {
				write(0xdb);
				writeInt(length);
			}
			write(bytes, 0, length);
		}

		private void writeBinary(byte[] bytes) {
			int length = bytes.length;
			if (length < 0x100) {
				write(0xc4);
				write(length);
			}
			else if (length < 0x10000) {
				write(0xc5);
				writeShort(length);
			}
			else {
				write(0xc6);
				writeInt(length);
			}
			write(bytes, 0, length);
		}

		private void writeNumber(JsonNode number) {
			if (number.isIntegralNumber()) {
				if (number.canConvertToLong()) {
					writeInteger(number.longValue());
				}
				else {
					writeDouble(number.doubleValue());
				}
				return;
			}
			double value = number.doubleValue();
			// notepack: a number is an integer when Math.floor(value) === value
			if (Double.isFinite(value) && Math.floor(value) == value && Math.abs(value) <= MAX_SAFE_INTEGER) {
				writeInteger((long) value);
			}
			else {
				writeDouble(value);
			}
		}

		private void writeInteger(long value) {
			if (value >= 0) {
				if (value < 0x80) {
					write((int) value);
				}
				else if (value < 0x100) {
					write(0xcc);
					write((int) value);
				}
				else if (value < 0x10000) {
					write(0xcd);
					writeShort((int) value);
				}
				else if (value < 0x100000000L) {
					write(0xce);
					writeInt((int) value);
				}
				else {
					write(0xcf);
					writeLong(value);
				}
			}
			else if (value >= -0x20) {
				write((int) value & 0xff);
			}
			else if (value >= -0x80) {
				write(0xd0);
				write((int) value & 0xff);
			}
			else if (value >= -0x8000) {
				write(0xd1);
				writeShort((int) value);
			}
			else if (value >= -0x80000000L) {
				write(0xd2);
				writeInt((int) value);
			}
			else {
				write(0xd3);
				writeLong(value);
			}
		}

		private void writeDouble(double value) {
			write(0xcb);
			writeLong(Double.doubleToLongBits(value));
		}

		private void writeShort(int value) {
			write((value >>> 8) & 0xff);
			write(value & 0xff);
		}

		private void writeInt(int value) {
			write((value >>> 24) & 0xff);
			write((value >>> 16) & 0xff);
			write((value >>> 8) & 0xff);
			write(value & 0xff);
		}

		private void writeLong(long value) {
			writeInt((int) (value >>> 32));
			writeInt((int) value);
		}

	}

	// Decoding

	static JsonNode decode(byte[] bytes) {
		Reader reader = new Reader(bytes);
		JsonNode value = reader.read();
		if (reader.offset != bytes.length) {
			throw new IllegalArgumentException((bytes.length - reader.offset) + " trailing bytes");
		}
		return value;
	}

	private static final class Reader {

		private final byte[] bytes;

		private int offset;

		Reader(byte[] bytes) {
			this.bytes = bytes;
		}

		JsonNode read() {
			int prefix = u8();
			if (prefix < 0x80) {
				return NODES.numberNode(prefix);
			}
			if (prefix < 0x90) {
				return map(prefix & 0x0f);
			}
			if (prefix < 0xa0) {
				return array(prefix & 0x0f);
			}
			if (prefix < 0xc0) {
				return string(prefix & 0x1f);
			}
			if (prefix > 0xdf) {
				return NODES.numberNode(prefix - 0x100);
			}
			return switch (prefix) {
				case 0xc0 -> NODES.nullNode();
				case 0xc2 -> NODES.booleanNode(false);
				case 0xc3 -> NODES.booleanNode(true);
				case 0xc4 -> NODES.binaryNode(take(u8()));
				case 0xc5 -> NODES.binaryNode(take(u16()));
				case 0xc6 -> NODES.binaryNode(take(length32()));
				case 0xc7 -> ext(u8());
				case 0xc8 -> ext(u16());
				case 0xc9 -> ext(length32());
				case 0xca -> NODES.numberNode((double) Float.intBitsToFloat(i32()));
				case 0xcb -> NODES.numberNode(Double.longBitsToDouble(i64()));
				case 0xcc -> NODES.numberNode(u8());
				case 0xcd -> NODES.numberNode(u16());
				case 0xce -> NODES.numberNode(i32() & 0xffffffffL);
				case 0xcf -> unsigned64(i64());
				case 0xd0 -> NODES.numberNode((int) (byte) u8());
				case 0xd1 -> NODES.numberNode((int) (short) u16());
				case 0xd2 -> NODES.numberNode(i32());
				case 0xd3 -> NODES.numberNode(i64());
				case 0xd4 -> ext(1);
				case 0xd5 -> ext(2);
				case 0xd6 -> ext(4);
				case 0xd7 -> ext(8);
				case 0xd8 -> ext(16);
				case 0xd9 -> string(u8());
				case 0xda -> string(u16());
				case 0xdb -> string(length32());
				case 0xdc -> array(u16());
				case 0xdd -> array(length32());
				case 0xde -> map(u16());
				case 0xdf -> map(length32());
				default ->
					throw new IllegalArgumentException("Unknown MessagePack prefix 0x" + Integer.toHexString(prefix));
			};
		}

		private JsonNode ext(int length) {
			int type = (byte) u8();
			byte[] payload = take(length);
			if (type == 0) {
				// notepack: fixext 1 type 0 is undefined; other type 0 payloads are
				// ArrayBuffers
				return (length == 1) ? NODES.nullNode() : NODES.binaryNode(payload);
			}
			if (type == -1) {
				return NODES.stringNode(JS_DATE.format(timestamp(payload)));
			}
			return NODES.nullNode();
		}

		private static Instant timestamp(byte[] payload) {
			ByteBuffer buffer = ByteBuffer.wrap(payload);
			if (payload.length == 4) {
				return Instant.ofEpochSecond(buffer.getInt() & 0xffffffffL);
			}
			if (payload.length == 8) {
				long value = buffer.getLong();
				return Instant.ofEpochSecond(value & 0x3ffffffffL, value >>> 34).truncatedTo(ChronoUnit.MILLIS);
			}
			long nanos = buffer.getInt() & 0xffffffffL;
			return Instant.ofEpochSecond(buffer.getLong(), nanos).truncatedTo(ChronoUnit.MILLIS);
		}

		private JsonNode unsigned64(long value) {
			if (value >= 0) {
				return NODES.numberNode(value);
			}
			return NODES.numberNode(new BigInteger(Long.toUnsignedString(value)));
		}

		private ArrayNode array(int size) {
			ArrayNode array = NODES.arrayNode(size);
			for (int i = 0; i < size; i++) {
				array.add(read());
			}
			return array;
		}

		private ObjectNode map(int size) {
			ObjectNode object = NODES.objectNode();
			for (int i = 0; i < size; i++) {
				JsonNode key = read();
				object.set(key.isString() ? key.stringValue() : key.asString(), read());
			}
			return object;
		}

		private JsonNode string(int length) {
			check(length);
			String text = new String(this.bytes, this.offset, length, StandardCharsets.UTF_8);
			this.offset += length;
			return NODES.stringNode(text);
		}

		private byte[] take(int length) {
			check(length);
			byte[] result = new byte[length];
			System.arraycopy(this.bytes, this.offset, result, 0, length);
			this.offset += length;
			return result;
		}

		private void check(int length) {
			if (length < 0 || this.offset + length > this.bytes.length) {
				throw new IllegalArgumentException("Truncated MessagePack value at offset " + this.offset);
			}
		}

		private int u8() {
			check(1);
			return this.bytes[this.offset++] & 0xff;
		}

		private int u16() {
			return (u8() << 8) | u8();
		}

		private int i32() {
			return (u16() << 16) | u16();
		}

		private int length32() {
			int length = i32();
			if (length < 0) {
				throw new IllegalArgumentException("MessagePack length too large at offset " + this.offset);
			}
			return length;
		}

		private long i64() {
			return ((long) i32() << 32) | (i32() & 0xffffffffL);
		}

	}

}
