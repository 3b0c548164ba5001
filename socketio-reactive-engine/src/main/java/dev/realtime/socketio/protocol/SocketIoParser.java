package dev.realtime.socketio.protocol;

import java.util.List;

import dev.realtime.socketio.engine.packet.EnginePacket;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The codec between {@link SocketIoPacket}s and the Engine.IO messages that carry them,
 * for a whole server, as the {@code parser} option of the Node server. Two exist, chosen
 * by {@link SocketIoParserType}: the default text format of {@code socket.io-parser}
 * ({@link #json}) and the MessagePack format of {@code socket.io-msgpack-parser}
 * ({@link #msgpack}). Clients must use the parser the server uses.
 *
 * @since 0.1.0
 */
public interface SocketIoParser {

	/**
	 * Encode a packet as the Engine.IO messages that carry it, in order. Thread-safe: one
	 * encoded packet may be written to many sessions (a broadcast encodes once).
	 * @param packet the packet
	 * @return the messages, at least one
	 */
	List<EnginePacket> encode(SocketIoPacket packet);

	/**
	 * Create the decoder of one connection.
	 * @return a new decoder
	 */
	Decoder newDecoder();

	/**
	 * Return the parser's name, as {@code socketio.parser} spells it.
	 * @return the name
	 */
	SocketIoParserType type();

	/**
	 * Create the default parser: Socket.IO v5 text packets, binary values as attachments
	 * in messages of their own ({@link SocketIoPacketEncoder},
	 * {@link SocketIoPacketDecoder}).
	 * @param mapper the mapper for POJO values and JSON trees
	 * @param limits the limits incoming packets must respect
	 * @return the parser
	 */
	static SocketIoParser json(JsonMapper mapper, SocketIoParserLimits limits) {
		return new JsonSocketIoParser(mapper, limits);
	}

	/**
	 * Create the parser of {@code socket.io-msgpack-parser} 3.x: each packet one binary
	 * message, the MessagePack map {@code {type, nsp, data, id}}, binary values inline.
	 * @param mapper the mapper for POJO values
	 * @param limits the limits incoming packets must respect (the nesting depth and the
	 * event name length; there are no attachments to count)
	 * @return the parser
	 */
	static SocketIoParser msgpack(JsonMapper mapper, SocketIoParserLimits limits) {
		return new MsgPackSocketIoParser(mapper, limits);
	}

	/**
	 * Decodes the packets one client sends. Stateful and not thread-safe: one per
	 * connection, used from one thread at a time.
	 *
	 * @since 0.1.0
	 */
	interface Decoder {

		/**
		 * Decode a text message.
		 * @param text the message, without the Engine.IO message type
		 * @return the packet, or {@code null} while a packet waits for more messages
		 * @throws SocketIoParseException if the message is malformed or not expected
		 */
		@Nullable SocketIoPacket decodeText(String text);

		/**
		 * Decode a binary message. The decoder may keep the array in the packet data.
		 * @param data the message bytes
		 * @return the packet, or {@code null} while a packet waits for more messages
		 * @throws SocketIoParseException if the message is malformed or not expected
		 */
		@Nullable SocketIoPacket decodeBinary(byte[] data);

		/**
		 * Drop a packet waiting for more messages, if any.
		 */
		void reset();

	}

}
