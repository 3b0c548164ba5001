package dev.realtime.socketio.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * Jackson trees to and from MessagePack (msgpack-core), as JavaScript's
 * {@code notepack.io} writes and reads the same values: the encoder of the Node Redis
 * adapter and of {@code socket.io-msgpack-parser}.
 * <ul>
 * <li>numbers: integers (and integral doubles, as JavaScript has one number type) in
 * their smallest form, other numbers as float 64; integers read as {@code int} or
 * {@code long} nodes, a uint 64 beyond {@code long} as a big integer;</li>
 * <li>binary values ({@code BinaryNode}, a {@code POJONode} of a {@code byte[]} or a
 * {@link ByteBuffer}) as {@code bin}; {@code bin} and notepack's legacy ArrayBuffer (ext
 * 8/16/32 of type 0) read as {@code BinaryNode};</li>
 * <li>maps with string keys; a missing node (JavaScript's {@code undefined}) in an object
 * is left out, as {@code JSON.stringify} does;</li>
 * <li>notepack's legacy {@code undefined} (fixext 1 of type 0) reads as {@code null} in
 * an array or at the top and is left out of a map; its legacy dates (fixext 8 of type 0)
 * and timestamps (ext -1) read as the ISO-8601 text of {@code Date.toJSON()}; other
 * extensions as {@code [type, bytes]}, as notepack returns them.</li>
 * </ul>
 * Malformed or truncated input, trailing bytes and containers nested deeper than the
 * limit are refused with an {@link IllegalArgumentException}. A declared length is
 * checked against the bytes left before anything is allocated, so a small message cannot
 * make the reader allocate a large array. Thread-safe. Not API: may change without
 * notice.
 */
public final class MsgPackTrees {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final double MAX_SAFE_INTEGER = 9007199254740991d;

	private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

	private static final DateTimeFormatter JS_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final MsgPackTrees NOTEPACK = new MsgPackTrees(null, Integer.MAX_VALUE);

	private final @Nullable JsonMapper pojoMapper;

	private final int maxDepth;

	/**
	 * Create a codec.
	 * @param pojoMapper the mapper that turns POJO values (other than binary ones) into
	 * trees before they are written, or {@code null} to write them as their text
	 * @param maxDepth the deepest nesting of arrays and maps a decoded value may have,
	 * the outer container counting as 1
	 */
	public MsgPackTrees(@Nullable JsonMapper pojoMapper, int maxDepth) {
		if (maxDepth < 1) {
			throw new IllegalArgumentException("maxDepth must be at least 1, was " + maxDepth);
		}
		this.pojoMapper = pojoMapper;
		this.maxDepth = maxDepth;
	}

	/**
	 * Return the codec of the Redis adapter's messages: no depth limit (the messages come
	 * from the cluster's own nodes), POJOs written as text.
	 * @return the shared codec
	 */
	public static MsgPackTrees notepack() {
		return NOTEPACK;
	}

	/**
	 * Encode a tree.
	 * @param value the tree
	 * @return the MessagePack bytes
	 */
	public byte[] encode(JsonNode value) {
		try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
			write(packer, value);
			return packer.toByteArray();
		}
		catch (IOException ex) {
			// A buffer packer does no I/O
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Decode one value that takes the whole input.
	 * @param bytes the MessagePack bytes
	 * @return the tree
	 * @throws IllegalArgumentException if the input is not exactly one well-formed value
	 * within the depth limit
	 * @throws DepthExceededException if it nests deeper than the limit
	 */
	public JsonNode decode(byte[] bytes) {
		try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
			Reader reader = new Reader(unpacker, bytes.length);
			JsonNode value = reader.read(1);
			if (unpacker.hasNext()) {
				throw new IllegalArgumentException(
						(bytes.length - unpacker.getTotalReadBytes()) + " trailing bytes after the MessagePack value");
			}
			return (value != null) ? value : NODES.nullNode();
		}
		catch (MessagePackException | IOException ex) {
			String reason = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
			throw new IllegalArgumentException("Malformed MessagePack: " + reason, ex);
		}
	}

	// Encoding

	private void write(MessageBufferPacker packer, JsonNode value) throws IOException {
		switch (value.getNodeType()) {
			case STRING -> writeString(packer, value.stringValue());
			case NUMBER -> writeNumber(packer, value);
			case BOOLEAN -> packer.packBoolean(value.booleanValue());
			case BINARY -> writeBinary(packer, value.binaryValue());
			case ARRAY -> {
				packer.packArrayHeader(value.size());
				for (JsonNode element : value) {
					write(packer, element);
				}
			}
			case OBJECT -> writeObject(packer, value);
			case POJO -> writePojo(packer, (POJONode) value);
			default -> packer.packNil();
		}
	}

	private void writeObject(MessageBufferPacker packer, JsonNode value) throws IOException {
		int size = 0;
		for (Map.Entry<String, JsonNode> entry : value.properties()) {
			if (!entry.getValue().isMissingNode()) {
				size++;
			}
		}
		packer.packMapHeader(size);
		for (Map.Entry<String, JsonNode> entry : value.properties()) {
			if (!entry.getValue().isMissingNode()) {
				writeString(packer, entry.getKey());
				write(packer, entry.getValue());
			}
		}
	}

	private void writePojo(MessageBufferPacker packer, POJONode node) throws IOException {
		Object pojo = node.getPojo();
		if (pojo instanceof byte[] bytes) {
			writeBinary(packer, bytes);
		}
		else if (pojo instanceof ByteBuffer buffer) {
			byte[] bytes = new byte[buffer.remaining()];
			buffer.duplicate().get(bytes);
			writeBinary(packer, bytes);
		}
		else if (this.pojoMapper != null) {
			write(packer, this.pojoMapper.valueToTree(pojo));
		}
		else {
			writeString(packer, node.asString());
		}
	}

	private static void writeString(MessageBufferPacker packer, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		packer.packRawStringHeader(bytes.length);
		packer.writePayload(bytes);
	}

	private static void writeBinary(MessageBufferPacker packer, byte[] bytes) throws IOException {
		packer.packBinaryHeader(bytes.length);
		packer.writePayload(bytes);
	}

	private static void writeNumber(MessageBufferPacker packer, JsonNode number) throws IOException {
		if (number.isIntegralNumber()) {
			if (number.canConvertToLong()) {
				packer.packLong(number.longValue());
			}
			else {
				packer.packDouble(number.doubleValue());
			}
			return;
		}
		double value = number.doubleValue();
		// notepack: a number is an integer when Math.floor(value) === value
		if (Double.isFinite(value) && Math.floor(value) == value && Math.abs(value) <= MAX_SAFE_INTEGER) {
			packer.packLong((long) value);
		}
		else {
			packer.packDouble(value);
		}
	}

	// Decoding

	/**
	 * Reads values from one input. {@code null} stands for notepack's {@code undefined},
	 * which a map leaves out.
	 */
	private final class Reader {

		private final MessageUnpacker unpacker;

		private final long length;

		Reader(MessageUnpacker unpacker, long length) {
			this.unpacker = unpacker;
			this.length = length;
		}

		@Nullable JsonNode read(int depth) throws IOException {
			MessageFormat format = this.unpacker.getNextFormat();
			ValueType type = format.getValueType();
			return switch (type) {
				case NIL -> {
					this.unpacker.unpackNil();
					yield NODES.nullNode();
				}
				case BOOLEAN -> NODES.booleanNode(this.unpacker.unpackBoolean());
				case INTEGER -> integer(format);
				case FLOAT -> NODES.numberNode(this.unpacker.unpackDouble());
				case STRING -> NODES
					.stringNode(new String(payload(this.unpacker.unpackRawStringHeader()), StandardCharsets.UTF_8));
				case BINARY -> NODES.binaryNode(payload(this.unpacker.unpackBinaryHeader()));
				case ARRAY -> array(depth);
				case MAP -> map(depth);
				case EXTENSION -> extension(format);
			};
		}

		private JsonNode integer(MessageFormat format) throws IOException {
			if (format == MessageFormat.UINT64) {
				BigInteger value = this.unpacker.unpackBigInteger();
				return (value.compareTo(MAX_LONG) <= 0) ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
			}
			long value = this.unpacker.unpackLong();
			return (value == (int) value) ? NODES.numberNode((int) value) : NODES.numberNode(value);
		}

		private ArrayNode array(int depth) throws IOException {
			checkDepth(depth);
			int size = checkCount(this.unpacker.unpackArrayHeader());
			ArrayNode array = NODES.arrayNode(size);
			for (int i = 0; i < size; i++) {
				JsonNode element = read(depth + 1);
				array.add((element != null) ? element : NODES.nullNode());
			}
			return array;
		}

		private ObjectNode map(int depth) throws IOException {
			checkDepth(depth);
			int size = checkCount(this.unpacker.unpackMapHeader());
			ObjectNode object = NODES.objectNode();
			for (int i = 0; i < size; i++) {
				JsonNode key = read(depth + 1);
				JsonNode value = read(depth + 1);
				if (value != null) {
					String name = (key == null) ? "undefined" : key.isString() ? key.stringValue() : key.asString();
					object.set(name, value);
				}
			}
			return object;
		}

		private @Nullable JsonNode extension(MessageFormat format) throws IOException {
			ExtensionTypeHeader header = this.unpacker.unpackExtensionTypeHeader();
			byte type = header.getType();
			byte[] payload = payload(header.getLength());
			if (type == 0) {
				if (format == MessageFormat.FIXEXT1) {
					return null;
				}
				if (format == MessageFormat.FIXEXT8) {
					return NODES.stringNode(JS_DATE.format(Instant.ofEpochMilli(ByteBuffer.wrap(payload).getLong())));
				}
				return NODES.binaryNode(payload);
			}
			if (type == -1) {
				return NODES.stringNode(JS_DATE.format(timestamp(payload)));
			}
			return NODES.arrayNode(2).add(type).add(payload);
		}

		private byte[] payload(int length) throws IOException {
			checkCount(length);
			return this.unpacker.readPayload(length);
		}

		/**
		 * A declared count of elements or bytes cannot exceed the bytes left, each
		 * element taking at least one: checked before anything is allocated for it.
		 */
		private int checkCount(int count) {
			long left = this.length - this.unpacker.getTotalReadBytes();
			if (count < 0 || count > left) {
				throw new IllegalArgumentException("Truncated MessagePack value: " + Integer.toUnsignedString(count)
						+ " declared, " + left + " bytes left at offset " + this.unpacker.getTotalReadBytes());
			}
			return count;
		}

		private void checkDepth(int depth) {
			if (depth > MsgPackTrees.this.maxDepth) {
				throw new DepthExceededException(MsgPackTrees.this.maxDepth);
			}
		}

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
		if (payload.length == 12) {
			long nanos = buffer.getInt() & 0xffffffffL;
			return Instant.ofEpochSecond(buffer.getLong(), nanos).truncatedTo(ChronoUnit.MILLIS);
		}
		throw new IllegalArgumentException("Invalid MessagePack timestamp of " + payload.length + " bytes");
	}

	/**
	 * Thrown when a decoded value nests deeper than the codec's limit.
	 */
	public static final class DepthExceededException extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		private final int maxDepth;

		DepthExceededException(int maxDepth) {
			super("MessagePack value nested deeper than " + maxDepth + " levels");
			this.maxDepth = maxDepth;
		}

		/**
		 * Return the limit that was exceeded.
		 * @return the deepest nesting allowed
		 */
		public int maxDepth() {
			return this.maxDepth;
		}

	}

}
