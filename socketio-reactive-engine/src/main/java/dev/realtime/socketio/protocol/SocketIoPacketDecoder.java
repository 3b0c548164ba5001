package dev.realtime.socketio.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes Socket.IO v5 packets received from one client: text packets
 * {@code <type>[<attachments>-][<namespace>,][<ackId>][<JSON>]} and the binary
 * attachments that follow a BINARY_EVENT or BINARY_ACK header.
 * <p>
 * Every malformed input is rejected with a {@link SocketIoParseException}, after which
 * the decoder holds no partial packet; the reference server closes the connection in that
 * case. The JSON payload is parsed as strict JSON, once, and its nesting depth is checked
 * while it is parsed, so that deeply nested input fails fast.
 * <p>
 * Stateful and not thread-safe: use one instance per connection, from one thread at a
 * time. Decoders made by one {@link Factory} share their immutable JSON configuration
 * (tree reader, parser factory and its symbol tables), so that a connection holds only
 * its own state.
 *
 * @since 0.1.0
 */
public final class SocketIoPacketDecoder implements SocketIoParser.Decoder {

	/**
	 * Payloads up to this many chars are copied for the parser into a buffer of the
	 * thread's, not a new array per packet: the parser reads from the array only while it
	 * builds the tree, and the tree copies what it keeps.
	 */
	private static final int SCRATCH_CHARS = 8192;

	private static final ThreadLocal<char[]> SCRATCH = ThreadLocal.withInitial(() -> new char[SCRATCH_CHARS]);

	private final Factory factory;

	private @Nullable PendingBinaryPacket pending;

	/**
	 * Create a decoder.
	 * @param mapper the mapper that builds the JSON trees (its node factory and
	 * deserialization features apply)
	 * @param limits the limits to enforce
	 */
	public SocketIoPacketDecoder(JsonMapper mapper, SocketIoParserLimits limits) {
		this(new Factory(mapper, limits));
	}

	private SocketIoPacketDecoder(Factory factory) {
		this.factory = factory;
	}

	/**
	 * Decode a text packet.
	 * @param text the packet, without the Engine.IO message type
	 * @return the packet, or {@code null} if it is a binary header now waiting for its
	 * attachments (see {@link #decodeBinary(byte[])})
	 * @throws SocketIoParseException if the packet is malformed, or if attachments of a
	 * previous packet are still expected
	 */
	@Override
	public @Nullable SocketIoPacket decodeText(String text) {
		try {
			if (this.pending != null) {
				throw new SocketIoParseException("Text packet received while " + this.pending.remaining()
						+ " binary attachment(s) are expected");
			}
			return decode(text);
		}
		catch (RuntimeException ex) {
			this.pending = null;
			throw asParseException(ex);
		}
	}

	/**
	 * Decode a binary attachment of the pending BINARY_EVENT or BINARY_ACK. The decoder
	 * keeps the given array in the packet data, without copying it.
	 * @param attachment the attachment bytes
	 * @return the completed packet after its last attachment, or {@code null} while more
	 * attachments are expected
	 * @throws SocketIoParseException if no binary packet is waiting for attachments
	 */
	@Override
	public @Nullable SocketIoPacket decodeBinary(byte[] attachment) {
		Objects.requireNonNull(attachment, "attachment must not be null");
		PendingBinaryPacket packet = this.pending;
		if (packet == null) {
			throw new SocketIoParseException("Binary message received without a pending binary packet");
		}
		if (!packet.add(attachment)) {
			return null;
		}
		this.pending = null;
		return packet.toPacket();
	}

	/**
	 * Return whether a binary packet is waiting for attachments.
	 * @return {@code true} if the next message must be a binary attachment
	 */
	public boolean awaitingAttachments() {
		return this.pending != null;
	}

	/**
	 * Drop the binary packet waiting for attachments, if any.
	 */
	@Override
	public void reset() {
		this.pending = null;
	}

	private @Nullable SocketIoPacket decode(String text) {
		PacketHeader header = PacketHeader.read(text, this.factory.limits.maxAttachments());
		JsonNode payload = header.hasPayload() ? readPayload(text, header.payloadOffset()) : null;
		JsonNode data = this.factory.payloadRules.check(header.type(), payload, header.ackId());
		if (header.attachments() > 0) {
			this.pending = PendingBinaryPacket.create(header.type(), header.namespace(), header.ackId(),
					Objects.requireNonNull(data), header.attachments());
			return null;
		}
		return new SocketIoPacket(header.type(), header.namespace(), header.ackId(), data);
	}

	private JsonNode readPayload(String text, int offset) {
		JsonTreeReader reader = this.factory.treeReader;
		JsonNode tree = (reader != null) ? reader.read(text, offset) : null;
		return (tree != null) ? tree : parsePayload(text, offset);
	}

	private JsonNode parsePayload(String text, int offset) {
		int length = text.length() - offset;
		char[] chars = (length <= SCRATCH_CHARS) ? SCRATCH.get() : new char[length];
		text.getChars(offset, text.length(), chars, 0);
		Factory factory = this.factory;
		try (JsonParser parser = factory.parserFactory.createParser(ObjectReadContext.empty(), chars, 0, length)) {
			JsonNode payload = factory.jsonReader.readTree(parser);
			if (payload == null || payload.isMissingNode()) {
				throw new SocketIoParseException("Missing JSON payload");
			}
			if (parser.nextToken() != null) {
				throw new SocketIoParseException("Unexpected data after the JSON payload");
			}
			return payload;
		}
		catch (StreamConstraintsException ex) {
			throw new SocketIoLimitExceededException("maxNestingDepth", "JSON payload nested deeper than "
					+ this.factory.limits.maxNestingDepth() + " levels (parser limit maxNestingDepth)", ex);
		}
		catch (JacksonException ex) {
			throw new SocketIoParseException("Invalid JSON payload: " + ex.getOriginalMessage(), ex);
		}
	}

	private static SocketIoParseException asParseException(RuntimeException ex) {
		if (ex instanceof SocketIoParseException parseException) {
			return parseException;
		}
		return new SocketIoParseException("Malformed packet: " + ex.getMessage(), ex);
	}

	/**
	 * Makes decoders that share one immutable JSON configuration. Thread-safe: create one
	 * per server and a decoder per connection.
	 *
	 * @since 0.1.0
	 */
	public static final class Factory {

		private final ObjectReader jsonReader;

		private final @Nullable JsonTreeReader treeReader;

		private final TokenStreamFactory parserFactory;

		private final SocketIoParserLimits limits;

		private final PayloadRules payloadRules;

		/**
		 * Create a factory.
		 * @param mapper the mapper that builds the JSON trees (its node factory and
		 * deserialization features apply)
		 * @param limits the limits to enforce
		 */
		public Factory(JsonMapper mapper, SocketIoParserLimits limits) {
			Objects.requireNonNull(mapper, "mapper must not be null");
			Objects.requireNonNull(limits, "limits must not be null");
			this.jsonReader = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
			this.limits = limits;
			TokenStreamFactory factory = mapper.tokenStreamFactory();
			StreamReadConstraints constraints = factory.streamReadConstraints()
				.rebuild()
				.maxNestingDepth(limits.maxNestingDepth())
				.build();
			// Packets are parsed on the event loops, long-lived platform threads: a
			// per-thread recycler saves the shared pool's deque poll and offer per packet
			// (about 7 % of S2's CPU samples).
			this.parserFactory = factory.rebuild()
				.streamReadConstraints(constraints)
				.recyclerPool(JsonRecyclerPools.threadLocalPool())
				.build();
			this.treeReader = JsonTreeReader.of(this.jsonReader, this.parserFactory);
			this.payloadRules = new PayloadRules(limits, mapper.getNodeFactory());
		}

		/**
		 * Create a decoder for one connection.
		 * @return a new decoder
		 */
		public SocketIoPacketDecoder newDecoder() {
			return new SocketIoPacketDecoder(this);
		}

	}

}
