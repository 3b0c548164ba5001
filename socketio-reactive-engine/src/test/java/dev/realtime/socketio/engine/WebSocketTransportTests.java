package dev.realtime.socketio.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.realtime.socketio.engine.packet.EnginePacket;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.channel.local.LocalChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WebSocketTransportTests {

	private static final String FLUSH = "<flush>";

	private final DefaultEventLoopGroup group = new DefaultEventLoopGroup(1);

	private final EventLoop loop = this.group.next();

	private final List<String> written = new CopyOnWriteArrayList<>();

	@AfterEach
	void shutdown() {
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
	}

	@Test
	void writeOnTheChannelsLoopDoesNotOvertakeOneHandedOverFromAnotherThread() throws Exception {
		WebSocketTransport transport = new WebSocketTransport(recordingChannel());
		CountDownLatch release = new CountDownLatch(1);
		// The session runs on the channel's loop (an inbound frame), but only after
		// another
		// thread that held it before has written: that write is still queued on the loop.
		this.loop.execute(() -> {
			awaitQuietly(release);
			transport.write(List.of(EnginePacket.message("second")));
		});
		transport.write(List.of(EnginePacket.message("first")));
		assertThat(transport.pendingBytes()).as("queued bytes count toward the outbound limit").isPositive();
		release.countDown();
		await().atMost(5, TimeUnit.SECONDS).until(() -> frames().size() == 2);
		assertThat(frames()).containsExactly("4first", "4second");
		assertThat(transport.pendingBytes()).isZero();
	}

	@Test
	void writeOnTheChannelsLoopGoesStraightThroughWhenNothingIsQueued() throws Exception {
		WebSocketTransport transport = new WebSocketTransport(recordingChannel());
		int seen = this.loop.submit(() -> {
			transport.write(List.of(EnginePacket.message("now")));
			return frames().size();
		}).get(5, TimeUnit.SECONDS);
		assertThat(seen).isEqualTo(1);
		assertThat(frames()).containsExactly("4now");
	}

	@Test
	void packetWrittenBehindAnotherInTheSameTaskGoesOutInAFlushOfItsOwn() throws Exception {
		WebSocketTransport transport = new WebSocketTransport(recordingChannel());
		this.loop.submit(() -> {
			// The CONNECT answer, then what the connection handler emits at once.
			transport.write(List.of(EnginePacket.message("0")));
			transport.write(List.of(EnginePacket.message("2[\"auth\"]")));
			transport.write(List.of(EnginePacket.message("2[\"hello\"]")));
		}).get(5, TimeUnit.SECONDS);
		await().atMost(5, TimeUnit.SECONDS).until(() -> this.written.size() == 5);
		assertThat(this.written).containsExactly("40", FLUSH, "42[\"auth\"]", "42[\"hello\"]", FLUSH);
	}

	@Test
	void nothingWrittenBehindTheFirstBatchNeedsNoSecondFlush() throws Exception {
		WebSocketTransport transport = new WebSocketTransport(recordingChannel());
		this.loop.submit(() -> transport.write(List.of(EnginePacket.message("a"), EnginePacket.message("b"))))
			.get(5, TimeUnit.SECONDS);
		// A task queued behind the transport's flush task sees everything it did.
		this.loop.submit(() -> {
		}).get(5, TimeUnit.SECONDS);
		assertThat(this.written).containsExactly("4a", "4b", FLUSH);
	}

	private LocalChannel recordingChannel() throws InterruptedException {
		LocalChannel channel = new LocalChannel();
		channel.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
			@Override
			public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
				if (msg instanceof TextWebSocketFrame frame) {
					WebSocketTransportTests.this.written.add(frame.content().toString(StandardCharsets.UTF_8));
				}
				else if (msg instanceof ByteBuf frame) {
					WebSocketTransportTests.this.written.add(WebSocketFramesTests.textOf(frame));
				}
				ReferenceCountUtil.release(msg);
			}

			@Override
			public void flush(ChannelHandlerContext ctx) {
				WebSocketTransportTests.this.written.add(FLUSH);
			}
		});
		this.loop.register(channel).sync();
		return channel;
	}

	private List<String> frames() {
		return this.written.stream().filter((entry) -> !FLUSH.equals(entry)).toList();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
