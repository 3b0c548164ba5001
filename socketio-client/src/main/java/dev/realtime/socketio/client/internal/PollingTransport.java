package dev.realtime.socketio.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;

import dev.realtime.socketio.client.Transport;
import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.engine.packet.EnginePayloadCodec;

/**
 * HTTP long-polling (EIO4): one GET in flight receives, one POST at a time sends
 * everything queued, packets joined by the record separator.
 */
final class PollingTransport implements EngineTransport {

	private final ClientConfig config;

	private final ClientExecutor executor;

	private final Listener listener;

	private final HttpClient http;

	private @Nullable String sid;

	private final List<EnginePacket> queue = new ArrayList<>();

	private @Nullable Disposable poll;

	private @Nullable Disposable post;

	private boolean polling;

	private boolean posting;

	private boolean paused;

	private @Nullable Runnable onPaused;

	private boolean closed;

	private boolean closePending;

	PollingTransport(ClientConfig config, ClientExecutor executor, Listener listener) {
		this.config = config;
		this.executor = executor;
		this.listener = listener;
		this.http = config.httpClient().headers((headers) -> config.headers().forEach(headers::set));
	}

	@Override
	public Transport kind() {
		return Transport.POLLING;
	}

	/**
	 * Set the session id of the handshake: later requests carry it.
	 */
	void sid(String sid) {
		this.sid = sid;
	}

	@Override
	public void open() {
		this.listener.onTransportOpen(this);
		poll();
	}

	private void poll() {
		this.polling = true;
		String url = this.config.engineUrl(Transport.POLLING, this.sid);
		this.poll = this.http.get()
			.uri(url)
			.response(PollingTransport::readBody)
			.next()
			.subscribe((text) -> this.executor.execute(() -> onPollResponse(text)),
					(ex) -> this.executor.execute(() -> onFailure(ex)));
	}

	private void onPollResponse(String payload) {
		this.polling = false;
		if (this.closed) {
			return;
		}
		List<EnginePacket> packets;
		try {
			packets = EnginePayloadCodec.decodePayload(payload, Integer.MAX_VALUE);
		}
		catch (RuntimeException ex) {
			onFailure(ex);
			return;
		}
		for (EnginePacket packet : packets) {
			this.listener.onPacket(this, packet);
			if (this.closed) {
				return;
			}
		}
		if (this.paused) {
			checkPaused();
		}
		else if (this.sid != null) {
			poll();
		}
	}

	@Override
	public void send(List<EnginePacket> packets) {
		this.queue.addAll(packets);
		flush();
	}

	private void flush() {
		if (this.posting || this.queue.isEmpty() || this.closed || this.sid == null) {
			return;
		}
		String payload = EnginePayloadCodec.encodePayload(this.queue);
		this.queue.clear();
		this.posting = true;
		this.post = post(payload).subscribe((ok) -> this.executor.execute(this::onPosted),
				(ex) -> this.executor.execute(() -> onFailure(ex)));
	}

	private Mono<String> post(String payload) {
		return this.http.headers((headers) -> headers.set(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8"))
			.post()
			.uri(this.config.engineUrl(Transport.POLLING, this.sid))
			.send(ByteBufFlux.fromString(Mono.just(payload), StandardCharsets.UTF_8,
					io.netty.buffer.ByteBufAllocator.DEFAULT))
			.response(PollingTransport::readBody)
			.next();
	}

	private void onPosted() {
		this.posting = false;
		if (this.closed) {
			drainThenClose();
			return;
		}
		flush();
		if (this.paused) {
			checkPaused();
		}
	}

	/**
	 * Read a response body. Each buffer is copied as it comes (Reactor Netty releases it
	 * right after), so that a request cancelled halfway leaves no buffer behind.
	 */
	private static Mono<String> readBody(HttpClientResponse response, ByteBufFlux body) {
		return body.asByteArray().collectList().map(PollingTransport::utf8).flatMap((text) -> checked(response, text));
	}

	private static String utf8(List<byte[]> chunks) {
		int length = 0;
		for (byte[] chunk : chunks) {
			length += chunk.length;
		}
		byte[] all = new byte[length];
		int offset = 0;
		for (byte[] chunk : chunks) {
			System.arraycopy(chunk, 0, all, offset, chunk.length);
			offset += chunk.length;
		}
		return new String(all, StandardCharsets.UTF_8);
	}

	private static Mono<String> checked(HttpClientResponse response, String body) {
		int status = response.status().code();
		if (status != 200) {
			return Mono.error(new EngineTransportException("HTTP " + status + " from " + response.method() + " "
					+ response.uri() + (body.isEmpty() ? "" : ": " + body)));
		}
		return Mono.just(body);
	}

	private void onFailure(Throwable ex) {
		this.polling = false;
		this.posting = false;
		if (this.closed) {
			return;
		}
		abort();
		this.listener.onTransportError(this, ex);
	}

	@Override
	public void pause(Runnable onPaused) {
		this.paused = true;
		this.onPaused = onPaused;
		checkPaused();
	}

	private void checkPaused() {
		Runnable callback = this.onPaused;
		if (callback != null && !this.polling && !this.posting && this.queue.isEmpty()) {
			this.onPaused = null;
			callback.run();
		}
	}

	@Override
	public void resume() {
		this.paused = false;
		this.onPaused = null;
		if (!this.closed && !this.polling && this.sid != null) {
			poll();
		}
		flush();
	}

	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.sid == null) {
			dispose(this.poll);
			return;
		}
		// The poll in flight is left to the server to answer: aborting it would end the
		// session
		// with a transport error before the packets still queued were read
		this.closePending = true;
		drainThenClose();
	}

	/**
	 * EIO4: a polling client ends its session with a close packet. It goes in a POST of
	 * its own once what is queued was posted: the Node server handles the packets of one
	 * payload before the Socket.IO packets among them, so a DISCONNECT sent with the
	 * close packet would be seen as a closed transport.
	 */
	private void drainThenClose() {
		if (this.posting) {
			return;
		}
		if (!this.queue.isEmpty()) {
			String payload = EnginePayloadCodec.encodePayload(this.queue);
			this.queue.clear();
			this.posting = true;
			this.post = post(payload).subscribe((ok) -> this.executor.execute(this::onPosted),
					(ex) -> dispose(this.poll));
		}
		else if (this.closePending) {
			this.closePending = false;
			Disposable poll = this.poll;
			post(EnginePacket.CLOSE.pollingForm()).doFinally((signal) -> dispose(poll)).subscribe(null, (ex) -> {
			});
		}
	}

	@Override
	public void abort() {
		this.closed = true;
		dispose(this.poll);
		dispose(this.post);
		this.queue.clear();
	}

	private static void dispose(@Nullable Disposable disposable) {
		if (disposable != null) {
			disposable.dispose();
		}
	}

}
