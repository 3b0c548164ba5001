package dev.realtime.socketio.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Consumer;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * One HTTP/1.1 lane with one request in flight and a queue behind it: a keep-alive
 * connection that reconnects when the server closes, or (not keep-alive) a new connection
 * for every request, closed by the server after its answer, as the official Node client
 * polls with its default agent. Everything runs on one event loop.
 */
final class HttpLane {

	private static final boolean DEBUG = Boolean.getBoolean("bench.debug");

	private final Bootstrap bootstrap;

	private final String host;

	private final int port;

	private final EventLoop loop;

	private final ArrayDeque<Pending> queue = new ArrayDeque<>();

	private Channel channel;

	private Pending inFlight;

	private final boolean keepAlive;

	HttpLane(Bootstrap bootstrap, String host, int port, EventLoop loop) {
		this(bootstrap, host, port, loop, true);
	}

	HttpLane(Bootstrap bootstrap, String host, int port, EventLoop loop, boolean keepAlive) {
		this.keepAlive = keepAlive;
		this.bootstrap = bootstrap;
		this.host = host;
		this.port = port;
		this.loop = loop;
	}

	void get(String uri, Consumer<String> onBody) {
		send(HttpMethod.GET, uri, null, onBody);
	}

	void post(String uri, String body, Consumer<String> onBody) {
		send(HttpMethod.POST, uri, body, onBody);
	}

	void close() {
		this.loop.execute(() -> {
			this.queue.clear();
			if (this.channel != null) {
				this.channel.close();
			}
		});
	}

	private void send(HttpMethod method, String uri, String body, Consumer<String> onBody) {
		this.queue.add(new Pending(method, uri, body, onBody));
		dispatch();
	}

	private void dispatch() {
		if (this.inFlight != null || this.queue.isEmpty()) {
			return;
		}
		this.inFlight = this.queue.poll();
		if (this.channel != null && this.channel.isActive()) {
			write();
			return;
		}
		this.bootstrap.clone(this.loop).handler(new ChannelInitializer<Channel>() {
			@Override
			protected void initChannel(Channel ch) {
				ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(2_000_000), new Handler());
			}
		}).connect(this.host, this.port).addListener((ChannelFutureListener) (future) -> {
			if (future.isSuccess()) {
				this.channel = future.channel();
				write();
			}
			else {
				System.err.println("polling connect failed: " + future.cause());
			}
		});
	}

	private void write() {
		Pending pending = this.inFlight;
		if (pending == null || this.channel == null) {
			return;
		}
		FullHttpRequest request;
		if (pending.body == null) {
			request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, pending.method, pending.uri);
		}
		else {
			request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, pending.method, pending.uri,
					ByteBufUtil.writeUtf8(this.channel.alloc(), pending.body));
			request.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8");
		}
		request.headers().set(HttpHeaderNames.HOST, this.host + ":" + this.port);
		request.headers()
			.set(HttpHeaderNames.CONNECTION, this.keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
		HttpUtil.setContentLength(request, request.content().readableBytes());
		this.channel.writeAndFlush(request, this.channel.voidPromise());
	}

	private final class Handler extends SimpleChannelInboundHandler<FullHttpResponse> {

		@Override
		public void channelActive(ChannelHandlerContext ctx) throws Exception {
			HttpLane.this.channel = ctx.channel();
			super.channelActive(ctx);
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) throws Exception {
			if (HttpLane.this.channel == ctx.channel()) {
				HttpLane.this.channel = null;
				// A server that closes a keep-alive connection (netty-socketio, after the
				// handshake) without answering: send the request again on a new
				// connection
				Pending unanswered = HttpLane.this.inFlight;
				if (unanswered != null) {
					HttpLane.this.inFlight = null;
					HttpLane.this.queue.addFirst(unanswered);
					dispatch();
				}
			}
			super.channelInactive(ctx);
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
			Pending pending = HttpLane.this.inFlight;
			HttpLane.this.inFlight = null;
			if (!HttpUtil.isKeepAlive(response)) {
				HttpLane.this.channel = null;
				ctx.close();
			}
			if (pending != null) {
				if (DEBUG) {
					System.err.println(pending.method + " " + pending.uri + " -> " + response.status() + " "
							+ response.content().toString(StandardCharsets.UTF_8));
				}
				if (response.status().code() != 200) {
					System.err.println(pending.method + " " + pending.uri + " -> " + response.status() + " "
							+ response.content().toString(StandardCharsets.UTF_8));
				}
				pending.onBody.accept(response.content().toString(StandardCharsets.UTF_8));
			}
			dispatch();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

	}

	private record Pending(HttpMethod method, String uri, String body, Consumer<String> onBody) {
	}

}
