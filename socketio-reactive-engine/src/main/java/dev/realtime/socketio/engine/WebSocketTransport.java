package dev.realtime.socketio.engine;

import java.util.List;

import dev.realtime.socketio.engine.packet.EnginePacket;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/**
 * Writes packets as WebSocket frames straight to the Netty channel, one frame per packet,
 * with one flush per batch of writes.
 */
final class WebSocketTransport {

	private final Channel channel;

	private final Runnable flushTask = this::flush;

	private boolean flushPending;

	WebSocketTransport(Channel channel) {
		this.channel = channel;
	}

	Channel channel() {
		return this.channel;
	}

	/** Bytes written but not yet handed to the socket; readable from any thread. */
	long pendingBytes() {
		ChannelOutboundBuffer buffer = this.channel.unsafe().outboundBuffer();
		return (buffer != null) ? buffer.totalPendingWriteBytes() : 0;
	}

	boolean writable() {
		return this.channel.isActive() && this.channel.isWritable();
	}

	/**
	 * Write packets without flushing; a flush is scheduled on the channel's event loop so
	 * that every write queued in the same loop iteration shares it.
	 */
	void write(List<EnginePacket> packets) {
		for (int i = 0; i < packets.size(); i++) {
			this.channel.write(toFrame(packets.get(i)), this.channel.voidPromise());
		}
		scheduleFlush();
	}

	void write(EnginePacket packet) {
		this.channel.write(toFrame(packet), this.channel.voidPromise());
		scheduleFlush();
	}

	void writeAndFlush(EnginePacket packet) {
		this.channel.writeAndFlush(toFrame(packet), this.channel.voidPromise());
	}

	void close() {
		if (this.channel.isActive()) {
			this.channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
				.addListener(ChannelFutureListener.CLOSE);
		}
	}

	private void scheduleFlush() {
		if (this.channel.eventLoop().inEventLoop()) {
			if (!this.flushPending) {
				this.flushPending = true;
				this.channel.eventLoop().execute(this.flushTask);
			}
		}
		else {
			this.channel.flush();
		}
	}

	private void flush() {
		this.flushPending = false;
		this.channel.flush();
	}

	private static Object toFrame(EnginePacket packet) {
		// The wrapped arrays are shared by every recipient of a broadcast; Unpooled wrappers
		// need no release bookkeeping and copy nothing.
		if (packet.isBinary()) {
			return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(packet.binary()));
		}
		return new TextWebSocketFrame(Unpooled.wrappedBuffer(packet.textFrame()));
	}

}
