package dev.realtime.socketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

import dev.realtime.socketio.engine.packet.Eio3PayloadCodec;
import dev.realtime.socketio.engine.packet.EnginePacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.VoidChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * Writes packets as WebSocket frames straight to the Netty channel, one frame per packet:
 * the first batch is flushed at once, the batches that follow it in the same turn of the
 * loop together.
 * <p>
 * The session writes from whichever thread runs it. Writes from another thread go to the
 * channel's loop as one task per batch; a write on the loop itself goes straight to the
 * channel only when none of those tasks is still waiting, since it would overtake them.
 */
final class WebSocketTransport implements Runnable {

	private static final AtomicIntegerFieldUpdater<WebSocketTransport> QUEUED = AtomicIntegerFieldUpdater
		.newUpdater(WebSocketTransport.class, "queued");

	private static final AtomicLongFieldUpdater<WebSocketTransport> QUEUED_BYTES = AtomicLongFieldUpdater
		.newUpdater(WebSocketTransport.class, "queuedBytes");

	/** The type byte in front of a binary message in an EIO3 binary frame. */
	private static final byte[] EIO3_MESSAGE_TYPE = { 4 };

	private final Channel channel;

	/**
	 * The promise of every frame write. The channel's own void promise would report a
	 * failed write as an exception in the pipeline, which ends the inbound at once: the
	 * frames of the same read not handed over yet would be lost, such as the DISCONNECT a
	 * client sends right behind an event whose answer can no longer be written to it.
	 * Netty closes the channel on a failed write anyway, after that read.
	 */
	private final VoidChannelPromise writePromise;

	private final long closeTimeoutMillis;

	private final BinaryFraming binaryFraming;

	/**
	 * Frames go out complete, shared by a broadcast's recipients
	 * ({@link WebSocketFrames}); not when permessage-deflate may be in use, whose encoder
	 * works on frame objects.
	 */
	private final boolean sharedFrames;

	/** Write tasks handed to the channel's loop and not run yet. */
	private volatile int queued;

	/** The frames' bytes in those tasks, which the outbound limit counts too. */
	private volatile long queuedBytes;

	/** A flush task is queued: writes until it runs share it; on the channel's loop. */
	private boolean flushPending;

	/** Frames were written behind the last flush; on the channel's loop. */
	private boolean unflushed;

	/** The fragmented message being received, if any; on the channel's loop. */
	private @Nullable WebSocketFragments fragments;

	/** A close frame was sent; on the channel's loop. */
	private boolean closing;

	/**
	 * What the {@link OutboundBudget} counts for this transport; guarded by this object.
	 */
	private long budgeted;

	WebSocketTransport(Channel channel) {
		this(channel, EngineIoOptions.defaults().closeTimeout().toMillis(), BinaryFraming.EIO4, false);
	}

	WebSocketTransport(Channel channel, long closeTimeoutMillis, BinaryFraming binaryFraming, boolean compression) {
		this.channel = channel;
		this.writePromise = new VoidChannelPromise(channel, false);
		this.closeTimeoutMillis = closeTimeoutMillis;
		this.binaryFraming = binaryFraming;
		this.sharedFrames = !compression;
	}

	Channel channel() {
		return this.channel;
	}

	@Nullable WebSocketFragments fragments() {
		return this.fragments;
	}

	void fragments(@Nullable WebSocketFragments fragments) {
		this.fragments = fragments;
	}

	/** Bytes written but not yet handed to the socket; readable from any thread. */
	long pendingBytes() {
		return unreadBytes() + this.queuedBytes;
	}

	/**
	 * The part of {@link #pendingBytes()} written to the channel that its socket has not
	 * taken, because the peer does not read; not the writes still queued for the loop.
	 */
	long unreadBytes() {
		ChannelOutboundBuffer buffer = this.channel.unsafe().outboundBuffer();
		return (buffer != null) ? buffer.totalPendingWriteBytes() : 0;
	}

	boolean isOpen() {
		return this.channel.isOpen();
	}

	long budgeted() {
		return this.budgeted;
	}

	void budgeted(long bytes) {
		this.budgeted = bytes;
	}

	boolean writable() {
		return this.channel.isActive() && this.channel.isWritable();
	}

	/**
	 * Write packets without flushing; a flush is scheduled on the channel's event loop so
	 * that every write queued in the same loop iteration shares it.
	 */
	void write(List<EnginePacket> packets) {
		if (canWriteNow()) {
			writeNow(packets);
			return;
		}
		long bytes = 0;
		for (int i = 0; i < packets.size(); i++) {
			bytes += packets.get(i).estimatedSize();
		}
		long size = bytes;
		QUEUED_BYTES.addAndGet(this, size);
		inOrder(() -> {
			QUEUED_BYTES.addAndGet(this, -size);
			writeNow(packets);
		});
	}

	void writeAndFlush(EnginePacket packet) {
		inOrder(() -> this.channel.writeAndFlush(toFrame(packet), this.writePromise));
	}

	/**
	 * Send a close frame and close the connection once it is written. A peer that does
	 * not read would keep the frame, and everything buffered before it, forever: the
	 * connection is dropped if it is still open after the close timeout.
	 */
	void close() {
		close(WebSocketCloseStatus.NORMAL_CLOSURE);
	}

	/** {@link #close()} with a status other than 1000. */
	void close(WebSocketCloseStatus status) {
		inOrder(() -> {
			if (this.channel.isActive() && !this.closing) {
				// RFC 6455 5.5.1: one close frame, the first reason wins.
				this.closing = true;
				this.channel.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
				ScheduledFuture<?> drop = this.channel.eventLoop()
					.schedule(this::abort, this.closeTimeoutMillis, TimeUnit.MILLISECONDS);
				this.channel.closeFuture().addListener((future) -> drop.cancel(false));
			}
		});
	}

	/**
	 * Thread-safe: drop the connection now, releasing what is buffered for it, without a
	 * close frame (it could only wait behind that buffer).
	 */
	void abort() {
		this.channel.close();
	}

	private boolean canWriteNow() {
		return this.channel.eventLoop().inEventLoop() && this.queued == 0;
	}

	/** Run writes on the channel's loop after every write handed to it before. */
	private void inOrder(Runnable writes) {
		if (canWriteNow()) {
			writes.run();
			return;
		}
		QUEUED.incrementAndGet(this);
		this.channel.eventLoop().execute(() -> {
			QUEUED.decrementAndGet(this);
			writes.run();
		});
	}

	/**
	 * On the channel's loop. The first batch since the last flush goes out at once; what
	 * follows in the same turn of the loop shares one flush after it. The reference
	 * server's transport also sends what is written while a send is under way only once
	 * that send is done, so a packet written right behind another (the CONNECT answer,
	 * then the connection handler's first emit) reaches the client in a read of its own
	 * (docs/protocol.md 1.5).
	 */
	private void writeNow(List<EnginePacket> packets) {
		for (int i = 0; i < packets.size(); i++) {
			this.channel.write(toFrame(packets.get(i)), this.writePromise);
		}
		if (this.flushPending) {
			this.unflushed = true;
		}
		else {
			this.flushPending = true;
			this.channel.flush();
			this.channel.eventLoop().execute(this);
		}
	}

	/**
	 * The flush behind a turn's writes: the transport is its own task, rather than
	 * keeping a method reference for each connection.
	 */
	@Override
	public void run() {
		this.flushPending = false;
		if (this.unflushed) {
			this.unflushed = false;
			this.channel.flush();
		}
	}

	private Object toFrame(EnginePacket packet) {
		if (this.sharedFrames && (!packet.isBinary() || this.binaryFraming == BinaryFraming.EIO4)) {
			ByteBuf frame = WebSocketFrames.frameOf(packet, this.channel.alloc());
			if (frame != null) {
				return frame;
			}
		}
		// The wrapped arrays are shared by every recipient of a broadcast; Unpooled
		// wrappers need no release bookkeeping and copy nothing.
		if (packet.isBinary()) {
			return switch (this.binaryFraming) {
				case EIO4 -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(packet.binary()));
				case EIO3 -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(EIO3_MESSAGE_TYPE, packet.binary()));
				case EIO3_BASE64 -> new TextWebSocketFrame(
						Unpooled.wrappedBuffer(Eio3PayloadCodec.textForm(packet).getBytes(StandardCharsets.US_ASCII)));
			};
		}
		return new TextWebSocketFrame(Unpooled.wrappedBuffer(packet.textFrame()));
	}

	/**
	 * How binary messages go out: as they are (EIO4), behind their type byte (EIO3), or
	 * as {@code b4} and base64 in a text frame (EIO3, a client that asked for base64).
	 */
	enum BinaryFraming {

		EIO4, EIO3, EIO3_BASE64;

		static BinaryFraming of(EngineIoProtocol protocol, @Nullable String b64) {
			if (protocol == EngineIoProtocol.V4) {
				return EIO4;
			}
			return (b64 == null || b64.isEmpty()) ? EIO3 : EIO3_BASE64;
		}

	}

}
