package dev.realtime.socketio.testsupport;

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
 * A raw WebSocket client (Reactor Netty {@link HttpClient}) for protocol tests, to send
 * what official clients never send: received text and binary frames are copied into a
 * queue, frames to send go through a sink. Speaks frames ({@link #send(String)},
 * {@link #next()}), Engine.IO messages and Socket.IO packets
 * ({@link #sendPacket(String)}, {@link #nextPacket()}).
 */
public final class RawWebSocketClient implements AutoCloseable {

	private static final Duration TIMEOUT = SocketIoTestServer.TIMEOUT;

	private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

	private final Sinks.Many<WebSocketFrame> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private final CompletableFuture<Void> connected = new CompletableFuture<>();

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	private final CompletableFuture<WebSocketCloseStatus> closeStatus = new CompletableFuture<>();

	private @Nullable Disposable connection;

	private RawWebSocketClient() {
	}

	/**
	 * Start a WebSocket handshake; {@link #awaitConnected()} or {@link #awaitRefused()}
	 * tell how it went.
	 * @param uri an absolute {@code ws://} URI, or a path against the client's base URL
	 */
	public static RawWebSocketClient connect(HttpClient http, String uri) {
		RawWebSocketClient client = new RawWebSocketClient();
		client.start(http, uri);
		return client;
	}

	/**
	 * Open a WebSocket to a Socket.IO server and read the Engine.IO OPEN packet.
	 */
	public static RawWebSocketClient open(SocketIoTestServer server) {
		RawWebSocketClient client = connect(HttpClient.create(), server.webSocketUrl());
		assertThat(client.nextText()).startsWith("0{\"sid\":");
		return client;
	}

	/**
	 * Open a WebSocket to a Socket.IO server and connect to a namespace.
	 * @return the client, with the CONNECT acknowledgement consumed
	 */
	public static RawWebSocketClient connect(SocketIoTestServer server, String namespace) {
		RawWebSocketClient client = open(server);
		client.connectNamespace(namespace);
		return client;
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
	public RawWebSocketClient awaitConnected() {
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
	public Throwable awaitRefused() {
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

	/**
	 * Send a Socket.IO CONNECT and wait for the acknowledgement.
	 * @return the acknowledgement, without the Engine.IO type
	 */
	public String connectNamespace(String namespace) {
		String prefix = "/".equals(namespace) ? "" : namespace + ",";
		sendPacket("0" + prefix);
		String ack = nextPacket();
		assertThat(ack).startsWith("0" + prefix + "{\"sid\":");
		return ack;
	}

	/**
	 * Send a text frame as is.
	 */
	public void send(String text) {
		emit(new TextWebSocketFrame(text));
	}

	/**
	 * Send a binary frame as is.
	 */
	public void send(byte[] data) {
		emit(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)));
	}

	/**
	 * Send a text frame as is; the same as {@link #send(String)}.
	 */
	public void sendText(String text) {
		send(text);
	}

	/**
	 * Send a binary frame (an Engine.IO binary message); the same as
	 * {@link #send(byte[])}.
	 */
	public void sendBinary(byte[] data) {
		send(data);
	}

	/**
	 * Send a frame as is, such as one fragment of a message.
	 */
	public void sendFrame(WebSocketFrame frame) {
		emit(frame);
	}

	/**
	 * Send a Socket.IO packet in an Engine.IO message.
	 */
	public void sendPacket(String packet) {
		send("4" + packet);
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
	public Frame next() {
		return next(TIMEOUT);
	}

	public Frame next(Duration timeout) {
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
	 * Return the next frame, which must be text.
	 */
	public String nextText() {
		Frame frame = next();
		assertThat(frame.isBinary()).as("binary frame %s", frame).isFalse();
		return frame.text();
	}

	/**
	 * Return the next frame, which must be binary.
	 */
	public byte[] nextBinary() {
		Frame frame = next();
		assertThat(frame.isBinary()).as("text frame %s", frame).isTrue();
		return frame.bytes();
	}

	/**
	 * Return the next text frame that is not a ping, answering pings as a client does.
	 */
	public String nextTextAnsweringPings() {
		while (true) {
			String text = nextText();
			if (!"2".equals(text)) {
				return text;
			}
			send("3");
		}
	}

	/**
	 * Return the next Socket.IO packet (an Engine.IO message without its type), answering
	 * pings on the way.
	 */
	public String nextPacket() {
		String text = nextTextAnsweringPings();
		assertThat(text).as("Engine.IO message").startsWith("4");
		return text.substring(1);
	}

	/**
	 * Wait until the connection is closed.
	 */
	public void awaitClosed() {
		try {
			this.closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException | InterruptedException ex) {
			throw new AssertionError("WebSocket not closed within " + TIMEOUT + "; frames: " + this.frames, ex);
		}
	}

	public boolean isClosed() {
		return this.closed.isDone();
	}

	/**
	 * Return the status of the close frame received from the server.
	 */
	public WebSocketCloseStatus awaitCloseStatus() {
		try {
			return this.closeStatus.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException | InterruptedException ex) {
			throw new AssertionError("No close status within " + TIMEOUT, ex);
		}
	}

	/**
	 * Close from the client side (a close frame, then the connection), without an
	 * Engine.IO close packet.
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
	 *
	 * @param text the text of a text frame
	 * @param bytes the content of a binary frame
	 */
	public record Frame(@Nullable String text, byte @Nullable [] bytes) {

		public boolean isBinary() {
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
