package dev.realtime.socketio.protocol;

import tools.jackson.databind.json.JsonMapper;

/**
 * The wire formats of Socket.IO packets a server can speak; the whole server uses one, as
 * the {@code parser} option of the Node server.
 *
 * @since 0.1.0
 */
public enum SocketIoParserType {

	/**
	 * The default format ({@code socket.io-parser}): text packets, binary values as
	 * attachments.
	 */
	DEFAULT {
		@Override
		public SocketIoParser create(JsonMapper mapper, SocketIoParserLimits limits) {
			return SocketIoParser.json(mapper, limits);
		}
	},

	/**
	 * MessagePack ({@code socket.io-msgpack-parser} 3.x): one binary message per packet.
	 * Clients must be built with the same parser.
	 */
	MSGPACK {
		@Override
		public SocketIoParser create(JsonMapper mapper, SocketIoParserLimits limits) {
			return SocketIoParser.msgpack(mapper, limits);
		}
	};

	/**
	 * Create the parser of this type.
	 * @param mapper the mapper for POJO values and JSON trees
	 * @param limits the limits incoming packets must respect
	 * @return the parser
	 */
	public abstract SocketIoParser create(JsonMapper mapper, SocketIoParserLimits limits);

}
