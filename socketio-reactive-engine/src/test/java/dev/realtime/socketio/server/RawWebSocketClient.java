package dev.realtime.socketio.server;

import java.time.Duration;
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
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A raw Engine.IO WebSocket client (Reactor Netty {@link HttpClient}) that sends and
 * receives Socket.IO packets as frames, to test what official clients never send.
 * Received frames are copied into a queue: text as {@code String}, binary as
 * {@code byte[]}.
 */
final class RawWebSocketClient implements AutoCloseable {

	private static final Duration TIMEOUT = SocketIoTestServer.TIMEOUT;

	private final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();

	private final Sinks.Many<WebSocketFrame> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private final CompletableFuture<Void> closed = new CompletableFuture<>();

	private @Nullable Disposable connection;

	private RawWebSocketClient() {
	}

	/**
	 * Open a WebSocket and read the Engine.IO OPEN packet.
	 */
	static RawWebSocketClient open(SocketIoTestServer server) {
		RawWebSocketClient client = new RawWebSocketClient();
		client.connection = HttpClient.create()
			.websocket()
			.uri(server.webSocketUrl())
			.handle((in, out) -> {
				Mono<Void> receive = in.receiveFrames().doOnNext(client::onFrame).then();
				Mono<Void> send = out.sendObject(client.outbound.asFlux()).then();
				return Mono.firstWithSignal(receive, send);
			})
			.then()
			.subscribe(null, (ex) -> client.closed.complete(null), () -> client.closed.complete(null));
		assertThat(client.nextText()).startsWith("0{\"sid\":");
		return client;
	}

	/**
	 * Open a WebSocket and connect to a namespace.
	 * @return the client, with the CONNECT acknowledgement consumed
	 */
	static RawWebSocketClient connect(SocketIoTestServer server, String namespace) {
		RawWebSocketClient client = open(server);
		client.connectNamespace(namespace);
		return client;
	}

	/**
	 * Send a Socket.IO CONNECT and wait for the acknowledgement.
	 * @return the acknowledgement, without the Engine.IO type
	 */
	String connectNamespace(String namespace) {
		String prefix = "/".equals(namespace) ? "" : namespace + ",";
		sendPacket("0" + prefix);
		String ack = nextPacket();
		assertThat(ack).startsWith("0" + prefix + "{\"sid\":");
		return ack;
	}

	private void onFrame(WebSocketFrame frame) {
		// Reactor Netty releases the frame after this callback: copy its content.
		if (frame instanceof TextWebSocketFrame text) {
			this.frames.add(text.text());
		}
		else if (frame instanceof BinaryWebSocketFrame) {
			ByteBuf content = frame.content();
			byte[] bytes = new byte[content.readableBytes()];
			content.getBytes(content.readerIndex(), bytes);
			this.frames.add(bytes);
		}
	}

	/**
	 * Send a Socket.IO packet in an Engine.IO message.
	 */
	void sendPacket(String packet) {
		sendText("4" + packet);
	}

	/**
	 * Send a text frame as is.
	 */
	void sendText(String text) {
		emit(new TextWebSocketFrame(text));
	}

	/**
	 * Send a binary frame (an Engine.IO binary message).
	 */
	void sendBinary(byte[] data) {
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
	 * Return the next text frame.
	 */
	String nextText() {
		Object frame = next();
		assertThat(frame).as("next frame").isInstanceOf(String.class);
		return (String) frame;
	}

	/**
	 * Return the next Socket.IO packet (an Engine.IO message without its type), answering
	 * pings on the way.
	 */
	String nextPacket() {
		while (true) {
			String text = nextText();
			if ("2".equals(text)) {
				sendText("3");
				continue;
			}
			assertThat(text).as("Engine.IO message").startsWith("4");
			return text.substring(1);
		}
	}

	/**
	 * Return the next binary frame.
	 */
	byte[] nextBinary() {
		Object frame = next();
		assertThat(frame).as("next frame").isInstanceOf(byte[].class);
		return (byte[]) frame;
	}

	private Object next() {
		try {
			Object frame = this.frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (frame == null) {
				throw new AssertionError("No frame within " + TIMEOUT + (this.closed.isDone() ? " (closed)" : ""));
			}
			return frame;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/**
	 * Wait until the server closed the connection.
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
	 * Close from the client side, abruptly (no Engine.IO close packet).
	 */
	@Override
	public void close() {
		this.outbound.tryEmitComplete();
		Disposable connection = this.connection;
		if (connection != null) {
			connection.dispose();
		}
	}

}
