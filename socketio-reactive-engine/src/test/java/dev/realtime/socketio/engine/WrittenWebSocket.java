package dev.realtime.socketio.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client whose {@link #send(String)} returns once the frame is written to the
 * socket, as the official suites' client ({@code ws}) writes it before the next
 * statement: a request sent afterwards on another connection reaches the server after the
 * frame did.
 */
final class WrittenWebSocket implements AutoCloseable {

	private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final WebSocket socket;

	private final StringBuilder partial = new StringBuilder();

	WrittenWebSocket(EngineIoTestServer server, String query) {
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create(server.wsUrl(query)), new Listener())
			.orTimeout(EngineIoTestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.join();
	}

	/** Send a text frame; returns once it has been written. */
	void send(String text) {
		this.socket.sendText(text, true).orTimeout(EngineIoTestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	String nextText() {
		try {
			String text = this.texts.poll(EngineIoTestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (text == null) {
				throw new AssertionError("No text frame within " + EngineIoTestServer.TIMEOUT);
			}
			return text;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** The close code the server sent. */
	int awaitClosed() {
		return this.closed.orTimeout(EngineIoTestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	@Override
	public void close() {
		if (!this.closed.isDone()) {
			this.socket.abort();
		}
	}

	private final class Listener implements WebSocket.Listener {

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			WrittenWebSocket.this.partial.append(data);
			if (last) {
				WrittenWebSocket.this.texts.add(WrittenWebSocket.this.partial.toString());
				WrittenWebSocket.this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			WrittenWebSocket.this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			WrittenWebSocket.this.closed.completeExceptionally(error);
		}

	}

}
