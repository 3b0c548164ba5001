package dev.realtime.socketio.engine;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * Strips the reason text from the close frame that Netty's WebSocket decoder sends for a
 * frame over the size limit ("Max frame length of ... has been exceeded."): the reference
 * server closes with 1009 and an empty reason, and a client should not learn the server's
 * internals. Stateless, so one instance serves every connection.
 */
@ChannelHandler.Sharable
final class MessageTooBigClose extends ChannelOutboundHandlerAdapter {

	/** The name Netty's handshaker gives the WebSocket frame encoder. */
	private static final String FRAME_ENCODER = "wsencoder";

	private static final MessageTooBigClose INSTANCE = new MessageTooBigClose();

	private static final String NAME = "socketio.messageTooBigClose";

	private MessageTooBigClose() {
	}

	/**
	 * Install the handler where the decoder's close frame passes before it is encoded; a
	 * pipeline without Netty's encoder (none here) is left as it is.
	 */
	static void install(ChannelPipeline pipeline) {
		if (pipeline.get(FRAME_ENCODER) != null && pipeline.get(NAME) == null) {
			pipeline.addAfter(FRAME_ENCODER, NAME, INSTANCE);
		}
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof CloseWebSocketFrame close
				&& close.statusCode() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()
				&& close.content().readableBytes() > 2) {
			close.release();
			ctx.write(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), ""), promise);
			return;
		}
		ctx.write(msg, promise);
	}

}
