package dev.realtime.socketio.engine;

import dev.realtime.socketio.engine.packet.EnginePacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.concurrent.FastThreadLocal;
import org.jspecify.annotations.Nullable;

/**
 * Complete WebSocket frames (header and payload, as a server sends them: final, unmasked,
 * uncompressed) of the packets an event loop wrote last, so that the recipients of a
 * broadcast on one loop share one frame: each gets a duplicate of it. Through Netty's
 * frame encoder every recipient cost a buffer wrapper, a frame object, a pooled buffer
 * and a copy of the payload into it: most of a broadcast delivery's garbage, and a third
 * of its CPU in the S3 benchmark (docs/benchmarks.md, "one frame per broadcast").
 * <p>
 * One cache per loop thread, used only on it, so its reference counts are never
 * contended; a frame is released when it drops out of the cache (the copies still being
 * written hold their own references) or when the thread ends. Packets are immutable, so
 * the same instance always has the same frame.
 */
final class WebSocketFrames {

	/**
	 * Larger payloads go through Netty's encoder, which writes their header and their
	 * bytes apart without copying them.
	 */
	static final int MAX_PAYLOAD = 16 * 1024;

	/** A broadcast of a packet and its binary attachments writes a few in turn. */
	private static final int SLOTS = 4;

	private static final int OPCODE_TEXT = 0x1;

	private static final int OPCODE_BINARY = 0x2;

	private static final int FIN = 0x80;

	private static final FastThreadLocal<WebSocketFrames> LOOP_CACHE = new FastThreadLocal<>() {
		@Override
		protected WebSocketFrames initialValue() {
			return new WebSocketFrames();
		}

		@Override
		protected void onRemoval(WebSocketFrames frames) {
			frames.releaseAll();
		}
	};

	private final @Nullable EnginePacket[] packets = new EnginePacket[SLOTS];

	private final @Nullable ByteBuf[] frames = new ByteBuf[SLOTS];

	/** The slot the next new frame takes. */
	private int next;

	private WebSocketFrames() {
	}

	/**
	 * Return the frame of a text packet, or of a binary one in the Engine.IO v4 form (its
	 * bytes as they are), for the caller to write and the channel to release.
	 * @param packet the packet
	 * @param allocator where a new frame's buffer comes from
	 * @return a retained duplicate of the frame, or {@code null} for a payload larger
	 * than {@link #MAX_PAYLOAD}
	 */
	static @Nullable ByteBuf frameOf(EnginePacket packet, ByteBufAllocator allocator) {
		return LOOP_CACHE.get().lookup(packet, allocator);
	}

	private @Nullable ByteBuf lookup(EnginePacket packet, ByteBufAllocator allocator) {
		for (int i = 0; i < SLOTS; i++) {
			if (this.packets[i] == packet) {
				ByteBuf frame = this.frames[i];
				if (frame != null) {
					return frame.retainedDuplicate();
				}
			}
		}
		ByteBuf frame;
		if (packet.isBinary()) {
			byte[] payload = packet.binary();
			if (payload.length > MAX_PAYLOAD) {
				return null;
			}
			frame = encode(OPCODE_BINARY, payload, allocator);
		}
		else {
			int length = packet.textFrameLength();
			if (length > MAX_PAYLOAD) {
				return null;
			}
			frame = encodeText(packet, length, allocator);
		}
		int slot = this.next;
		this.next = (slot + 1) % SLOTS;
		ByteBuf evicted = this.frames[slot];
		if (evicted != null) {
			evicted.release();
		}
		this.packets[slot] = packet;
		this.frames[slot] = frame;
		return frame.retainedDuplicate();
	}

	/** RFC 6455 5.2, for a payload of at most 65 535 bytes. */
	static ByteBuf encode(int opcode, byte[] payload, ByteBufAllocator allocator) {
		ByteBuf frame = header(opcode, payload.length, allocator);
		frame.writeBytes(payload);
		return frame;
	}

	/**
	 * The frame of a text packet, its UTF-8 written straight into the buffer: no byte
	 * array of the text and no copy of it.
	 */
	static ByteBuf encodeText(EnginePacket packet, int length, ByteBufAllocator allocator) {
		ByteBuf frame = header(OPCODE_TEXT, length, allocator);
		frame.writeByte(packet.type().digit());
		if (ByteBufUtil.writeUtf8(frame, packet.text()) != length - 1) {
			// The packet's count and Netty's encoder disagree (they replace an unpaired
			// surrogate alike, so this is not expected): the JDK's bytes are the truth
			frame.release();
			return encode(OPCODE_TEXT, packet.textFrame(), allocator);
		}
		return frame;
	}

	private static ByteBuf header(int opcode, int length, ByteBufAllocator allocator) {
		int header = (length < 126) ? 2 : 4;
		ByteBuf frame = allocator.directBuffer(header + length);
		frame.writeByte(FIN | opcode);
		if (length < 126) {
			frame.writeByte(length);
		}
		else {
			frame.writeByte(126);
			frame.writeShort(length);
		}
		return frame;
	}

	private void releaseAll() {
		for (int i = 0; i < SLOTS; i++) {
			ByteBuf frame = this.frames[i];
			if (frame != null) {
				frame.release();
			}
			this.frames[i] = null;
			this.packets[i] = null;
		}
	}

}
