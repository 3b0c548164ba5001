package dev.realtime.socketio.netty;

import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * The deadlines of {@link HttpRequestTimeouts} for one HTTP/1.1 connection. It sits after
 * the HTTP codec, where it sees whole requests and responses; its {@link #requestStart()}
 * part sits before the codec, where it sees a request's first bytes (the codec emits
 * nothing until the headers are complete). Both run on the channel's event loop.
 */
final class RequestTimeoutHandler extends ChannelDuplexHandler {

	private enum State {

		/** Waiting for a request: nothing is timed. */
		IDLE,

		/** A request has begun and its headers are not complete. */
		HEADERS,

		/** The headers are complete, the body is not. */
		BODY,

		/** The request is read; its answer is being made (a long-poll may wait here). */
		ANSWERING,

		/** Answered 408 and closing. */
		TIMED_OUT

	}

	private final long headersMillis;

	private final long bodyMillis;

	private final Predicate<String> timedBodies;

	private final RequestStart requestStart = new RequestStart();

	private State state = State.IDLE;

	/** When the phase being timed began ({@link System#nanoTime()}). */
	private long phaseStart;

	private boolean bodyTimed;

	private @Nullable ChannelHandlerContext context;

	private @Nullable ScheduledFuture<?> deadline;

	RequestTimeoutHandler(long headersMillis, long bodyMillis, Predicate<String> timedBodies) {
		this.headersMillis = headersMillis;
		this.bodyMillis = bodyMillis;
		this.timedBodies = timedBodies;
	}

	ChannelHandler requestStart() {
		return this.requestStart;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.context = ctx;
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		cancel();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		cancel();
		super.channelInactive(ctx);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		if (this.state == State.TIMED_OUT) {
			// What the codec makes of the rest (at the close, a request that failed to
			// decode)
			// would only be logged as a decoding failure, once per such client.
			ReferenceCountUtil.release(msg);
			return;
		}
		if (msg instanceof HttpRequest request) {
			cancel();
			this.state = State.BODY;
			this.bodyTimed = this.bodyMillis > 0 && hasBody(request) && this.timedBodies.test(request.uri());
			if (this.bodyTimed) {
				this.phaseStart = System.nanoTime();
			}
		}
		if (msg instanceof LastHttpContent && this.state == State.BODY) {
			cancel();
			this.state = State.ANSWERING;
		}
		super.channelRead(ctx, msg);
	}

	/**
	 * The end of a read: a deadline is scheduled only for a request still incomplete
	 * then, so a request that arrives in one read costs no timer.
	 */
	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
		if (this.deadline == null) {
			if (this.state == State.HEADERS && this.headersMillis > 0) {
				schedule(this.headersMillis);
			}
			else if (this.state == State.BODY && this.bodyTimed) {
				schedule(this.bodyMillis);
			}
		}
		super.channelReadComplete(ctx);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		if (msg instanceof HttpResponse response
				&& response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
			// A WebSocket now: an idle one is the application's business.
			cancel();
			ctx.pipeline().remove(this.requestStart);
			ctx.pipeline().remove(this);
		}
		else if (msg instanceof LastHttpContent && this.state != State.TIMED_OUT) {
			// The answer is complete (also one given before its request's body was read,
			// whose connection Reactor Netty closes or drains): wait for the next
			// request.
			cancel();
			this.state = State.IDLE;
		}
		super.write(ctx, msg, promise);
	}

	private static boolean hasBody(HttpRequest request) {
		return HttpUtil.getContentLength(request, 0L) > 0 || HttpUtil.isTransferEncodingChunked(request);
	}

	/** Schedule the deadline of the current phase, which began at {@link #phaseStart}. */
	private void schedule(long millis) {
		ChannelHandlerContext ctx = this.context;
		if (ctx != null) {
			long left = Math.max(0, millis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.phaseStart));
			this.deadline = ctx.executor().schedule(this::timedOut, left, TimeUnit.MILLISECONDS);
		}
	}

	private void cancel() {
		ScheduledFuture<?> deadline = this.deadline;
		if (deadline != null) {
			this.deadline = null;
			deadline.cancel(false);
		}
	}

	private void timedOut() {
		this.deadline = null;
		ChannelHandlerContext ctx = this.context;
		if (ctx == null || !ctx.channel().isActive() || (this.state != State.HEADERS && this.state != State.BODY)) {
			return;
		}
		// RFC 9110 15.5.9: the server closes the connection after a 408.
		this.state = State.TIMED_OUT;
		FullHttpResponse timeout = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT,
				Unpooled.EMPTY_BUFFER);
		timeout.headers()
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
			.set(HttpHeaderNames.CONTENT_LENGTH, 0);
		ctx.writeAndFlush(timeout).addListener(ChannelFutureListener.CLOSE);
	}

	/** Before the codec: the first bytes of a request start its headers deadline. */
	private final class RequestStart extends ChannelInboundHandlerAdapter {

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
			if (RequestTimeoutHandler.this.state == State.IDLE && msg instanceof ByteBuf bytes && bytes.isReadable()) {
				RequestTimeoutHandler.this.state = State.HEADERS;
				RequestTimeoutHandler.this.phaseStart = System.nanoTime();
			}
			super.channelRead(ctx, msg);
		}

	}

}
