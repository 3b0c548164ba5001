package dev.realtime.socketio.engine;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A WebSocket client for protocol tests: received text and binary frames are copied into a
 * queue, frames to send go through a sink.
 */
final class TestWebSocket implements AutoCloseable {

	private static final Duration TIMEOUT = EngineIoTestServer.TIMEOUT;

	private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

	private final Sinks.Many<WebSocketFrame> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private final CompletableFuture<Void> connected = new CompletableFuture<>();

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	private final CompletableFuture<WebSocketCloseStatus> closeStatus = new CompletableFuture<>();

	private @Nullable Disposable connection;

	private TestWebSocket() {
	}

	static TestWebSocket connect(HttpClient http, String uri) {
		TestWebSocket socket = new TestWebSocket();
		socket.start(http, uri);
		return socket;
	}

	private void start(HttpClient http, String uri) {
		this.connection = http.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(16 * 1024 * 1024).build())
			.uri(uri)
			.handle((in, out) -> {
				this.connected.complete(null);
				in.receiveCloseStatus().subscribe(this.closeStatus::complete);
				Mono<Void> receive = in.receiveFrames().doOnNext(this::onFrame).then();
				Mono<Void> send = out.sendObject(this.outbound.asFlux()).then();
				return Mono.firstWithSignal(receive, send);
			})
			.then()
			.subscribe(null, (ex) -> {
				this.connected.completeExceptionally(ex);
				this.closed.complete(null);
			}, () -> this.closed.complete(null));
	}

	private void onFrame(WebSocketFrame frame) {
		// Reactor Netty releases the frame after this callback: copy its content.
		if (frame instanceof TextWebSocketFrame text) {
			this.frames.add(new Frame(text.text(), null));
		}
		else if (frame instanceof BinaryWebSocketFrame) {
			ByteBuf content = frame.content();
			byte[] bytes = new byte[content.readableBytes()];
			content.getBytes(content.readerIndex(), bytes);
			this.frames.add(new Frame(null, bytes));
		}
	}

	/**
	 * Wait for the WebSocket handshake; fail with its error when it was refused.
	 */
	TestWebSocket awaitConnected() {
		try {
			this.connected.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			return this;
		}
		catch (ExecutionException ex) {
			throw new AssertionError("WebSocket handshake failed", ex.getCause());
		}
		catch (TimeoutException | InterruptedException ex) {
			throw new AssertionError("WebSocket not connected within " + TIMEOUT, ex);
		}
	}

	/**
	 * Wait for the WebSocket handshake to fail and return the error.
	 */
	Throwable awaitRefused() {
		try {
			this.connected.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			return fail("WebSocket handshake succeeded");
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (TimeoutException | InterruptedException ex) {
			throw new AssertionError("WebSocket handshake did not fail within " + TIMEOUT, ex);
		}
	}

	void send(String text) {
		emit(new TextWebSocketFrame(text));
	}

	void send(byte[] data) {
		emit(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)));
	}

	private void emit(WebSocketFrame frame) {
		Sinks.EmitResult result = this.outbound.tryEmitNext(frame);
		if (result.isFailure()) {
			frame.release();
			throw new AssertionError("Could not send frame: " + result);
		}
	}

	/**
	 * Return the next received frame.
	 */
	Frame next() {
		return next(TIMEOUT);
	}

	Frame next(Duration timeout) {
		try {
			Frame frame = this.frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (frame == null) {
				throw new AssertionError("No frame within " + timeout + (this.closed.isDone() ? " (closed)" : ""));
			}
			return frame;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/**
	 * Return the next text frame, which must be text.
	 */
	String nextText() {
		Frame frame = next();
		assertThat(frame.isBinary()).as("binary frame %s", frame).isFalse();
		return frame.text();
	}

	/**
	 * Return the next text frame that is not a ping, answering pings as a client does.
	 */
	String nextTextAnsweringPings() {
		while (true) {
			String text = nextText();
			if (!"2".equals(text)) {
				return text;
			}
			send("3");
		}
	}

	/**
	 * Wait until the connection is closed.
	 */
	void awaitClosed() {
		try {
			this.closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException | InterruptedException ex) {
			throw new AssertionError("WebSocket not closed within " + TIMEOUT + "; frames: " + this.frames, ex);
		}
	}

	boolean isClosed() {
		return this.closed.isDone();
	}

	/**
	 * Return the status of the close frame received from the server.
	 */
	WebSocketCloseStatus awaitCloseStatus() {
		try {
			return this.closeStatus.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException | InterruptedException ex) {
			throw new AssertionError("No close status within " + TIMEOUT, ex);
		}
	}

	/**
	 * Close from the client side (a close frame, then the connection).
	 */
	@Override
	public void close() {
		this.outbound.tryEmitComplete();
		if (this.connected.isDone() && !this.connected.isCompletedExceptionally()) {
			try {
				this.closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (ExecutionException | TimeoutException | InterruptedException ex) {
				// fall through to dispose
			}
		}
		Disposable connection = this.connection;
		if (connection != null) {
			connection.dispose();
		}
	}

	/**
	 * A received frame: text, or binary when {@code text} is {@code null}.
	 */
	record Frame(@Nullable String text, byte @Nullable [] bytes) {

		boolean isBinary() {
			return this.bytes != null;
		}

		@Override
		public String text() {
			assertThat(this.text).as("text of a binary frame").isNotNull();
			return this.text;
		}

		@Override
		public byte[] bytes() {
			assertThat(this.bytes).as("bytes of a text frame").isNotNull();
			return this.bytes;
		}

		@Override
		public String toString() {
			return (this.bytes != null) ? "binary" + Arrays.toString(this.bytes) : "text[" + this.text + "]";
		}

	}

}
