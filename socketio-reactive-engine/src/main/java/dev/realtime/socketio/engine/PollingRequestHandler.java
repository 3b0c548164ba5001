package dev.realtime.socketio.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The long-polling side of the HTTP exchange: opens polling sessions, hands a checked GET
 * or POST to its session, and writes the session's answer on the request's connection.
 */
final class PollingRequestHandler {

	private final EngineIoServer server;

	private final EngineIoOptions options;

	PollingRequestHandler(EngineIoServer server) {
		this.server = server;
		this.options = server.options();
	}

	/** Open a session for a polling handshake; the first GET gets its open packet. */
	Mono<Void> open(HttpServerRequest request, HttpServerResponse response, EngineIoHandshake handshake) {
		Channel[] channel = new Channel[1];
		request.withConnection((connection) -> channel[0] = connection.channel());
		EngineIoSession session = this.server.createSession(channel[0].eventLoop(), handshake,
				EngineIoTransport.POLLING, null);
		setCookie(response, session);
		Mono<PollResponse> open = Mono.create((sink) -> session.execute(() -> {
			this.server.opened(session);
			session.polling().onPoll(sink);
		}));
		return open.flatMap((poll) -> writePoll(session, request, response, poll));
	}

	/** A GET or POST for an open polling session. */
	Mono<Void> handle(EngineIoSession session, HttpServerRequest request, HttpServerResponse response) {
		HttpMethod method = request.method();
		if (method == HttpMethod.GET) {
			EventLoop here = channelOf(request).eventLoop();
			PollingTransport polling = session.polling();
			Mono<PollResponse> poll = Mono.create((sink) -> session.executeHere(() -> polling.onPoll(sink), here));
			return poll.flatMap((result) -> writePoll(session, request, response, result));
		}
		if (method == HttpMethod.POST) {
			return post(session, request, response);
		}
		return response.status(HttpResponseStatus.INTERNAL_SERVER_ERROR).send();
	}

	private Mono<Void> post(EngineIoSession session, HttpServerRequest request, HttpServerResponse response) {
		PollingTransport polling = session.polling();
		if (!polling.startPost()) {
			session.execute(() -> session.close(EngineIoCloseReason.TRANSPORT_ERROR, "overlapping post"));
			return ErrorResponses.error(response, EngineIoError.BAD_REQUEST, false);
		}
		String contentType = request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE);
		boolean binary = contentType != null && contentType.startsWith("application/octet-stream");
		if (binary && session.protocol() == EngineIoProtocol.V4) {
			// EIO4 polling payloads are text only; EIO3 ones may be binary (XHR2
			// clients).
			polling.endPost();
			session.execute(() -> session.close(EngineIoCloseReason.TRANSPORT_ERROR, "binary payload on EIO4"));
			return ErrorResponses.error(response, EngineIoError.BAD_REQUEST, false);
		}
		int max = this.options.maxHttpBufferSize();
		long declared = contentLength(request.requestHeaders());
		if (declared > max) {
			polling.endPost();
			return tooLarge(response);
		}
		// A request that ends before its whole body arrived closes the session, as in the
		// reference ("data request connection closed prematurely"), and frees the POST
		// slot.
		AtomicBoolean bodyRead = new AtomicBoolean();
		Mono<?> bodies = binary ? BodyReader.readBytes(request, max) : BodyReader.read(request, max);
		return bodies.doOnNext((body) -> {
			bodyRead.set(true);
			if (this.server.hasListeners()) {
				this.server.onBytes(session,
						(body instanceof byte[] bytes) ? bytes.length : ByteBufUtil.utf8Bytes((String) body), 0);
			}
		}).doOnCancel(() -> {
			if (!bodyRead.get()) {
				abortPost(session);
			}
		}).flatMap((body) -> {
			Mono<PollResponse> result = Mono.create((sink) -> session.executeHere(() -> {
				polling.endPost();
				sink.success(polling.onPost(body));
			}, channelOf(request).eventLoop()));
			return result.flatMap((poll) -> writePoll(session, request, response, poll));
		}).onErrorResume((ex) -> {
			if (ex instanceof BodyReader.TooLargeException) {
				polling.endPost();
				return tooLarge(response);
			}
			if (!bodyRead.get()) {
				abortPost(session);
			}
			return Mono.error(ex);
		});
	}

	private static void abortPost(EngineIoSession session) {
		session.polling().endPost();
		session.execute(
				() -> session.close(EngineIoCloseReason.TRANSPORT_ERROR, "data request connection closed prematurely"));
	}

	private static Mono<Void> tooLarge(HttpServerResponse response) {
		// The reference keeps the session after a 413. The connection stays open: Reactor
		// Netty discards the rest of the body without buffering it, as Node does. Closing
		// it
		// while the client still sends makes the kernel reset the connection, and the
		// client
		// then loses the 413 itself.
		return response.status(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)
			.header(HttpHeaderNames.CONTENT_LENGTH, "0")
			.send();
	}

	private Mono<Void> writePoll(EngineIoSession session, HttpServerRequest request, HttpServerResponse response,
			PollResponse poll) {
		EventLoop connectionLoop = channelOf(request).eventLoop();
		if (!connectionLoop.inEventLoop()) {
			// Answer on the connection's own event loop, not the session's: Reactor Netty
			// 1.3.6 stops reading a keep-alive connection when a request that arrived
			// before
			// the previous exchange ended (as it can when that one ended on another
			// thread)
			// is then answered at once (reactor/reactor-netty#4361).
			return Mono.defer(() -> writePoll(session, request, response, poll))
				.subscribeOn(Schedulers.fromExecutor(connectionLoop));
		}
		byte[] binary = poll.binaryBody();
		byte[] body = (binary != null) ? binary : poll.body().getBytes(StandardCharsets.UTF_8);
		if (this.server.hasListeners()) {
			this.server.onBytes(session, 0, body.length);
		}
		response.status(poll.status())
			.header(HttpHeaderNames.CONTENT_TYPE, poll.contentType())
			.header(HttpHeaderNames.CACHE_CONTROL, "no-store");
		if (this.options.httpCompression() && body.length >= this.options.httpCompressionThreshold()) {
			String accept = request.requestHeaders().get(HttpHeaderNames.ACCEPT_ENCODING);
			if (accept != null && accept.contains("gzip")) {
				body = gzip(body);
				response.header(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
			}
		}
		response.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
		return response.sendByteArray(Mono.just(body)).then();
	}

	private void setCookie(HttpServerResponse response, EngineIoSession session) {
		EngineIoCookieOptions cookie = this.options.cookie();
		if (cookie != null) {
			response.header(HttpHeaderNames.SET_COOKIE, cookie.headerValue(session.id()));
		}
	}

	private static long contentLength(HttpHeaders headers) {
		String value = headers.get(HttpHeaderNames.CONTENT_LENGTH);
		if (value == null) {
			return -1;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static Channel channelOf(HttpServerRequest request) {
		return ((Connection) request).channel();
	}

	private static byte[] gzip(byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 2 + 32);
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

}
