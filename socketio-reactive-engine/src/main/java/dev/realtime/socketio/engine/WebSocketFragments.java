package dev.realtime.socketio.engine;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;

/**
 * The frames of one fragmented WebSocket message (RFC 6455 5.4) until its last one
 * arrives. Netty's decoder has already checked their order (a continuation only after a
 * first fragment, no new message inside one); the size limit applies to the whole
 * message, as it does in Node's {@code ws}. Only a connection in the middle of a
 * fragmented message has one, where an aggregating handler in every pipeline would cost
 * each idle connection a handler and its context. Confined to the channel's event loop.
 */
final class WebSocketFragments {

	private final boolean text;

	private final int limit;

	private byte[] bytes = new byte[256];

	private int length;

	WebSocketFragments(boolean text, int limit) {
		this.text = text;
		this.limit = limit;
	}

	/** Whether the message is a text message (else binary). */
	boolean text() {
		return this.text;
	}

	/**
	 * Add a fragment's payload.
	 * @param content the payload, not consumed
	 * @return {@code false} when the message would exceed the limit
	 */
	boolean append(ByteBuf content) {
		int size = content.readableBytes();
		if (size > this.limit - this.length) {
			return false;
		}
		if (this.length + size > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes,
					Math.min(this.limit, Math.max(this.length + size, this.bytes.length * 2)));
		}
		content.getBytes(content.readerIndex(), this.bytes, this.length, size);
		this.length += size;
		return true;
	}

	/** The whole message's payload. */
	byte[] payload() {
		return (this.length == this.bytes.length) ? this.bytes : Arrays.copyOf(this.bytes, this.length);
	}

}
