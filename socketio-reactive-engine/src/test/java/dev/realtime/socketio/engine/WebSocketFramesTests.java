package dev.realtime.socketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.realtime.socketio.engine.packet.EnginePacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.FastThreadLocal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketFramesTests {

	private final ByteBufAllocator allocator = new UnpooledByteBufAllocator(true);

	@AfterEach
	void endOfThread() {
		// What an event loop does when it ends: the cache releases what it holds.
		FastThreadLocal.removeAll();
	}

	@Test
	void framesDecodeAsTheirPacketsAtEveryLengthForm() {
		for (int length : new int[] { 0, 124, 125, 126, 127, 65_535 / 4, WebSocketFrames.MAX_PAYLOAD }) {
			String text = "x".repeat(Math.max(0, length - 1));
			ByteBuf frame = WebSocketFrames.encode(0x1, EnginePacket.message(text).textFrame(), this.allocator);
			WebSocketFrame decoded = decode(frame);
			assertThat(decoded).isInstanceOf(TextWebSocketFrame.class);
			assertThat(decoded.isFinalFragment()).isTrue();
			assertThat(((TextWebSocketFrame) decoded).text()).isEqualTo("4" + text);
			decoded.release();
		}
	}

	@Test
	void textIsWrittenAsTheJdkEncodesIt() {
		for (String text : new String[] { "", "2[\"a\"]", "é", "€", "😀", "a\ud800b", "\udc00", "x\ud83d",
				"\ud83d\ud83d\ude00", "日本語" + "é".repeat(200) }) {
			EnginePacket packet = EnginePacket.message(text);
			int length = packet.textFrameLength();
			ByteBuf frame = WebSocketFrames.frameOf(packet, this.allocator);
			assertThat(frame).isNotNull();
			byte[] payload = new byte[frame.readableBytes() - ((length < 126) ? 2 : 4)];
			frame.getBytes(frame.readerIndex() + frame.readableBytes() - payload.length, payload);
			assertThat(payload).as(text).containsExactly(packet.textFrame());
			assertThat(length).as(text).isEqualTo(packet.textFrame().length);
			assertThat(decode(frame)).satisfies((decoded) -> {
				assertThat(((TextWebSocketFrame) decoded).text())
					.isEqualTo("4" + new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
				decoded.release();
			});
		}
	}

	@Test
	void binaryPacketGoesOutAsItsBytes() {
		byte[] bytes = { 1, 2, 3, (byte) 255 };
		ByteBuf frame = WebSocketFrames.frameOf(EnginePacket.message(bytes), this.allocator);
		assertThat(frame).isNotNull();
		WebSocketFrame decoded = decode(frame);
		assertThat(decoded).isInstanceOf(BinaryWebSocketFrame.class);
		byte[] read = new byte[decoded.content().readableBytes()];
		decoded.content().readBytes(read);
		assertThat(read).containsExactly(bytes);
		decoded.release();
	}

	@Test
	void recipientsOfOnePacketShareOneFrameEachWithItsOwnIndices() {
		EnginePacket packet = EnginePacket.message("2[\"news\",1]");
		ByteBuf first = WebSocketFrames.frameOf(packet, this.allocator);
		ByteBuf second = WebSocketFrames.frameOf(packet, this.allocator);
		assertThat(first).isNotNull();
		assertThat(second).isNotNull();
		assertThat(second.memoryAddress()).as("one frame").isEqualTo(first.memoryAddress());
		first.skipBytes(first.readableBytes());
		assertThat(textOf(second)).isEqualTo("42[\"news\",1]");
		first.release();
		second.release();
	}

	@Test
	void frameIsReleasedOnceEvictedAndTheCopiesInFlightAreWritten() {
		EnginePacket packet = EnginePacket.message("2[\"old\"]");
		ByteBuf inFlight = WebSocketFrames.frameOf(packet, this.allocator);
		assertThat(inFlight).isNotNull();
		ByteBuf cached = inFlight.unwrap();
		List<ByteBuf> others = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			others.add(WebSocketFrames.frameOf(EnginePacket.message("2[" + i + "]"), this.allocator));
		}
		assertThat(cached.refCnt()).as("the copy in flight keeps it").isEqualTo(1);
		inFlight.release();
		assertThat(cached.refCnt()).isZero();
		others.forEach(ByteBuf::release);
	}

	@Test
	void largePayloadIsLeftToNettysEncoder() {
		EnginePacket packet = EnginePacket.message("x".repeat(WebSocketFrames.MAX_PAYLOAD));
		assertThat(WebSocketFrames.frameOf(packet, this.allocator)).isNull();
	}

	private static WebSocketFrame decode(ByteBuf frame) {
		EmbeddedChannel channel = new EmbeddedChannel(new WebSocket13FrameDecoder(
				WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
		channel.writeInbound(frame);
		WebSocketFrame decoded = channel.readInbound();
		channel.finishAndReleaseAll();
		return decoded;
	}

	/** The text of a complete, unmasked frame with a payload under 64 KiB. */
	static String textOf(ByteBuf frame) {
		int index = frame.readerIndex();
		int length = frame.getByte(index + 1) & 0x7f;
		int header = 2;
		if (length == 126) {
			length = frame.getUnsignedShort(index + 2);
			header = 4;
		}
		return frame.toString(index + header, length, StandardCharsets.UTF_8);
	}

}
