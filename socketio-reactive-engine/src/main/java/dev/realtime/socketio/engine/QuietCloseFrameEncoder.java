package dev.realtime.socketio.engine;

import java.util.List;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * The server's WebSocket frame encoder, in place of the one Netty's handshaker installs:
 * it strips the reason text from the close frame that Netty's decoder sends for a frame
 * over the size limit ("Max frame length of ... has been exceeded."), since the reference
 * server closes with 1009 and an empty reason, and a client should not learn the server's
 * internals. Netty's encoder keeps no state, so one instance serves every connection;
 * replacing it, rather than adding a handler beside it, keeps an idle connection's
 * pipeline one context shorter.
 */
@ChannelHandler.Sharable
final class QuietCloseFrameEncoder extends WebSocket13FrameEncoder {

	/** The name Netty's handshaker gives the WebSocket frame encoder. */
	private static final String FRAME_ENCODER = "wsencoder";

	private static final QuietCloseFrameEncoder INSTANCE = new QuietCloseFrameEncoder();

	private QuietCloseFrameEncoder() {
		// A server does not mask its frames (RFC 6455 5.1)
		super(false);
	}

	/**
	 * Put the encoder in place of Netty's; a pipeline without Netty's encoder (none here)
	 * is left as it is.
	 */
	static void install(ChannelPipeline pipeline) {
		ChannelHandler current = pipeline.get(FRAME_ENCODER);
		if (current != null && current != INSTANCE) {
			pipeline.replace(FRAME_ENCODER, FRAME_ENCODER, INSTANCE);
		}
	}

	@Override
	protected void encode(ChannelHandlerContext ctx, WebSocketFrame msg, List<Object> out) throws Exception {
		if (msg instanceof CloseWebSocketFrame close
				&& close.statusCode() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()
				&& close.content().readableBytes() > 2) {
			// The superclass releases msg after this call
			CloseWebSocketFrame quiet = new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), "");
			try {
				super.encode(ctx, quiet, out);
			}
			finally {
				quiet.release();
			}
			return;
		}
		super.encode(ctx, msg, out);
	}

}
