package dev.realtime.socketio.client.internal;

import java.time.Duration;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.WebsocketClientSpec;

import dev.realtime.socketio.client.Transport;
import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.engine.packet.EnginePayloadCodec;

/**
 * The WebSocket transport (EIO4): one packet per frame, a text frame for text packets and
 * a binary frame with the raw bytes for binary messages.
 */
final class WebSocketTransport implements EngineTransport {

	/** How long a close on purpose waits for the server's close frame. */
	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

	private final ClientConfig config;

	private final ClientExecutor executor;

	private final Listener listener;

	private final @Nullable String sid;

	/**
	 * Packets, not frames, wait here: a frame is made when Netty takes it, so none leaks.
	 */
	private final Sinks.Many<EnginePacket> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private @Nullable Disposable connection;

	private boolean closed;

	WebSocketTransport(ClientConfig config, @Nullable String sid, ClientExecutor executor, Listener listener) {
		this.config = config;
		this.sid = sid;
		this.executor = executor;
		this.listener = listener;
	}

	@Override
	public Transport kind() {
		return Transport.WEBSOCKET;
	}

	@Override
	public void open() {
		int maxFrame = this.config.maxFramePayloadLength();
		this.connection = this.config.httpClient()
			.headers((headers) -> this.config.headers().forEach(headers::set))
			.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(maxFrame).build())
			.uri(this.config.engineUrl(Transport.WEBSOCKET, this.sid))
			.handle((in, out) -> {
				this.executor.execute(() -> {
					if (!this.closed) {
						this.listener.onTransportOpen(this);
					}
				});
				Mono<Void> receive = in.aggregateFrames(maxFrame)
					.receiveFrames()
					.doOnNext(this::onFrame)
					.then()
					.cache();
				// Closing on purpose: a close frame after the last packet, then the
				// server's close (or the timeout). Dropping the connection at once would
				// leave the server's frames unread, and a socket closed with unread data
				// is reset: the server could lose the packets written just before (a
				// DISCONNECT) and see a transport error. The frame is written as it is,
				// since out.sendClose() closes the connection right behind it; it
				// cannot be written when the server closed first, which the receive
				// side reports.
				Mono<Void> send = out.sendObject(this.outbound.asFlux().map(WebSocketTransport::frame))
					.then()
					.then(Mono.defer(() -> out.sendObject(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
						.then()
						.onErrorComplete()))
					.then(receive.timeout(CLOSE_TIMEOUT, Mono.empty()));
				return Mono.firstWithSignal(receive, send);
			})
			.then()
			.subscribe(null, (ex) -> this.executor.execute(() -> onFailure(ex)),
					() -> this.executor.execute(this::onClosed));
	}

	private void onFrame(WebSocketFrame frame) {
		// Reactor Netty releases the frame after this callback: read it now
		EnginePacket packet;
		if (frame instanceof TextWebSocketFrame text) {
			try {
				packet = EnginePayloadCodec.decodePacket(text.text());
			}
			catch (RuntimeException ex) {
				this.executor.execute(() -> onFailure(ex));
				return;
			}
		}
		else if (frame instanceof BinaryWebSocketFrame) {
			ByteBuf content = frame.content();
			byte[] bytes = new byte[content.readableBytes()];
			content.getBytes(content.readerIndex(), bytes);
			packet = EnginePacket.message(bytes);
		}
		else {
			return;
		}
		this.executor.execute(() -> {
			if (!this.closed) {
				this.listener.onPacket(this, packet);
			}
		});
	}

	private static WebSocketFrame frame(EnginePacket packet) {
		return packet.isBinary() ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(packet.binary()))
				: new TextWebSocketFrame(Unpooled.wrappedBuffer(packet.textFrame()));
	}

	@Override
	public void send(List<EnginePacket> packets) {
		for (EnginePacket packet : packets) {
			this.outbound.tryEmitNext(packet);
		}
	}

	@Override
	public void pause(Runnable onPaused) {
		onPaused.run();
	}

	@Override
	public void resume() {
	}

	private void onFailure(Throwable ex) {
		if (!this.closed) {
			abort();
			this.listener.onTransportError(this, ex);
		}
	}

	private void onClosed() {
		if (!this.closed) {
			this.closed = true;
			this.listener.onTransportClose(this);
		}
	}

	@Override
	public void close() {
		// Completing the outbound makes Reactor Netty send a close frame and end the
		// connection
		this.closed = true;
		this.outbound.tryEmitComplete();
	}

	@Override
	public void abort() {
		this.closed = true;
		this.outbound.tryEmitComplete();
		if (this.connection != null) {
			this.connection.dispose();
		}
	}

}
