package dev.realtime.socketio.benchmarks.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

/**
 * One raw WebSocket connection speaking just enough Engine.IO v4 / Socket.IO v5: it
 * answers the open packet with a CONNECT to {@code /}, pings with pongs, and hands every
 * other packet to its {@link Listener} as bytes. No client object, no parser: scenarios
 * match fixed prefixes.
 */
final class WsConnection extends SimpleChannelInboundHandler<Object> {

	private static final int MAX_FRAME = 2_000_000;

	private final WebSocketClientHandshaker handshaker;

	private final Listener listener;

	private final long startNanos;

	private Channel channel;

	private boolean connected;

	private boolean failed;

	/** Scenario state attached to this connection, touched only on its event loop. */
	Object state;

	/** Whether this WebSocket upgrades a polling session (probe, then upgrade packet). */
	private final boolean upgrade;

	private WsConnection(URI uri, Listener listener, boolean upgrade) {
		this.handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13, null, false,
				EmptyHttpHeaders.INSTANCE, MAX_FRAME);
		this.listener = listener;
		this.upgrade = upgrade;
		this.startNanos = System.nanoTime();
	}

	/**
	 * Open a connection; the listener hears {@code onConnected} once the Socket.IO
	 * CONNECT is acknowledged, or {@code onFailed}.
	 */
	static void open(Bootstrap bootstrap, URI uri, Listener listener) {
		open(bootstrap, uri, listener, false);
	}

	/**
	 * Upgrade a polling session whose CONNECT was sent but not answered yet ({@code uri}
	 * carries its {@code sid}): the server hands over the CONNECT reply on the WebSocket,
	 * which calls {@code onConnected}.
	 */
	static void upgrade(Bootstrap bootstrap, URI uri, Listener listener) {
		open(bootstrap, uri, listener, true);
	}

	private static void open(Bootstrap bootstrap, URI uri, Listener listener, boolean upgrade) {
		WsConnection connection = new WsConnection(uri, listener, upgrade);
		bootstrap.clone().handler(new ChannelInitializer<Channel>() {
			@Override
			protected void initChannel(Channel ch) {
				ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192), connection);
			}
		}).connect(uri.getHost(), uri.getPort()).addListener((future) -> {
			if (!future.isSuccess()) {
				connection.fail(future.cause());
			}
		});
	}

	Channel channel() {
		return this.channel;
	}

	/**
	 * Nanoseconds from the TCP connect to the Socket.IO CONNECT reply; valid after
	 * onConnected.
	 */
	long connectNanos;

	void sendText(CharSequence text) {
		ByteBuf buf = ByteBufUtil.writeAscii(this.channel.alloc(), text);
		this.channel.writeAndFlush(new TextWebSocketFrame(buf), this.channel.voidPromise());
	}

	void sendText(byte[] ascii) {
		this.channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(ascii)), this.channel.voidPromise());
	}

	void sendBinary(byte[] bytes, boolean flush) {
		BinaryWebSocketFrame frame = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes));
		if (flush) {
			this.channel.writeAndFlush(frame, this.channel.voidPromise());
		}
		else {
			this.channel.write(frame, this.channel.voidPromise());
		}
	}

	void sendTextNoFlush(CharSequence text) {
		ByteBuf buf = ByteBufUtil.writeAscii(this.channel.alloc(), text);
		this.channel.write(new TextWebSocketFrame(buf), this.channel.voidPromise());
	}

	void close() {
		if (this.channel != null) {
			this.channel.close();
		}
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		this.channel = ctx.channel();
		this.handshaker.handshake(this.channel);
		super.channelActive(ctx);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		if (!this.connected) {
			fail(new IllegalStateException("closed before connect"));
		}
		else {
			this.listener.onClosed(this);
		}
		super.channelInactive(ctx);
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
		if (!this.handshaker.isHandshakeComplete()) {
			this.handshaker.finishHandshake(ctx.channel(), (FullHttpResponse) msg);
			if (this.upgrade) {
				sendText("2probe");
			}
			return;
		}
		if (msg instanceof TextWebSocketFrame frame) {
			onText(frame.content());
		}
		else if (msg instanceof BinaryWebSocketFrame frame) {
			this.listener.onBinary(this, frame.content());
		}
		else if (msg instanceof CloseWebSocketFrame) {
			ctx.close();
		}
	}

	private void onText(ByteBuf content) {
		int length = content.readableBytes();
		if (length == 0) {
			return;
		}
		int first = content.getByte(content.readerIndex());
		if (first == '0') {
			// EIO4 open: CONNECT to the main namespace, no auth payload
			sendText("40");
		}
		else if (first == '2' && length == 1) {
			sendText("3");
			this.listener.onPing(this);
		}
		else if (first == '3' && this.upgrade && !this.connected) {
			// "3probe": the probe worked, switch the session over
			sendText("5");
		}
		else if (first == '4' && length > 1) {
			int second = content.getByte(content.readerIndex() + 1);
			if (second == '0' && !this.connected) {
				this.connected = true;
				this.connectNanos = System.nanoTime() - this.startNanos;
				this.listener.onConnected(this);
			}
			else if (second == '4' && !this.connected) {
				fail(new IllegalStateException(content.toString(StandardCharsets.UTF_8)));
				this.channel.close();
			}
			else {
				this.listener.onText(this, content);
			}
		}
	}

	private void fail(Throwable cause) {
		if (!this.failed) {
			this.failed = true;
			this.listener.onFailed(this, cause);
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		ctx.close();
	}

	/**
	 * What a scenario does with a connection; called on the connection's event loop.
	 */
	interface Listener {

		default void onConnected(WsConnection connection) {
		}

		default void onFailed(WsConnection connection, Throwable cause) {
		}

		/** An Engine.IO ping, after the pong was sent. */
		default void onPing(WsConnection connection) {
		}

		/**
		 * A Socket.IO packet other than CONNECT ({@code 42...}, {@code 43...},
		 * {@code 45...}).
		 */
		default void onText(WsConnection connection, ByteBuf packet) {
		}

		default void onBinary(WsConnection connection, ByteBuf attachment) {
		}

		default void onClosed(WsConnection connection) {
		}

	}

}
