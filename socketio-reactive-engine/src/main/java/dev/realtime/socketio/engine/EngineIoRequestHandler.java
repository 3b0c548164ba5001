package dev.realtime.socketio.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;

import dev.realtime.socketio.internal.RandomIds;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.ReadOnlyHttpHeaders;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Turns HTTP requests into session operations: the checks and errors of the protocol
 * (PROTOCOL.md 1.7, in the reference server's order), CORS, long-polling GET and POST, and
 * WebSocket sessions and upgrades.
 */
final class EngineIoRequestHandler {

	private static final int MAX_QUERY_PARAMS = 256;

	private final EngineIoServer server;

	private final EngineIoOptions options;

	private final CorsProcessor cors;

	private final WebsocketServerSpec websocketSpec;

	EngineIoRequestHandler(EngineIoServer server) {
		this.server = server;
		this.options = server.options();
		this.cors = new CorsProcessor(this.options.cors());
		this.websocketSpec = WebsocketServerSpec.builder()
			.maxFramePayloadLength(this.options.maxHttpBufferSize())
			.compress(this.options.perMessageDeflate())
			.handlePing(false)
			.build();
	}

	Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		HttpHeaders headers = request.requestHeaders();
		String origin = headers.get(HttpHeaderNames.ORIGIN);
		if (this.cors.enabled()) {
			this.cors.applyHeaders(origin, response);
			if (request.method() == HttpMethod.OPTIONS && headers.contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
				this.cors.applyPreflight(headers, response);
				return response.status(HttpResponseStatus.NO_CONTENT).send();
			}
		}
		boolean upgrade = isWebSocketUpgrade(headers);
		Map<String, List<String>> query;
		try {
			query = new QueryStringDecoder(request.uri(), StandardCharsets.UTF_8, true, MAX_QUERY_PARAMS)
				.parameters();
		}
		catch (IllegalArgumentException ex) {
			// A malformed escape in the query ("%zz", a trailing "%")
			return error(response, EngineIoError.BAD_REQUEST, upgrade);
		}
		EngineIoTransport transport = EngineIoTransport.fromWireName(first(query, "transport"));
		if (transport == null || !this.options.transports().contains(transport)) {
			return error(response, EngineIoError.UNKNOWN_TRANSPORT, upgrade);
		}
		if (origin != null && hasInvalidHeaderChar(origin)) {
			return error(response, EngineIoError.BAD_REQUEST, upgrade);
		}
		if (origin != null && this.cors.enabled() && !this.cors.isAllowed(origin)) {
			return error(response, EngineIoError.FORBIDDEN, "Origin not allowed", upgrade);
		}
		String sid = first(query, "sid");
		if (sid != null) {
			EngineIoSession session = this.server.find(sid);
			if (session == null) {
				return error(response, EngineIoError.UNKNOWN_SID, upgrade);
			}
			if (!upgrade && transport != session.transport()) {
				return error(response, EngineIoError.BAD_REQUEST, upgrade);
			}
			if (!"4".equals(first(query, "EIO"))) {
				return error(response, EngineIoError.BAD_REQUEST, upgrade);
			}
			addHeaders(request, response, false);
			if (upgrade) {
				if (transport != EngineIoTransport.WEBSOCKET || !this.options.allowUpgrades()) {
					return error(response, EngineIoError.BAD_REQUEST, true);
				}
				String invalid = invalidWebSocketHandshake(request);
				if (invalid != null) {
					return error(response, EngineIoError.BAD_REQUEST, invalid, true);
				}
				return upgradeSession(session, response);
			}
			return poll(session, request, response);
		}
		if (request.method() != HttpMethod.GET) {
			return error(response, EngineIoError.BAD_HANDSHAKE_METHOD, upgrade);
		}
		if (transport == EngineIoTransport.WEBSOCKET && !upgrade) {
			return error(response, EngineIoError.BAD_REQUEST, false);
		}
		String invalid = (transport == EngineIoTransport.WEBSOCKET) ? invalidWebSocketHandshake(request) : null;
		if (invalid != null) {
			return error(response, EngineIoError.BAD_REQUEST, invalid, true);
		}
		if (this.server.isShuttingDown()) {
			return error(response, EngineIoError.BAD_REQUEST, "Server shutting down", upgrade);
		}
		ConnectionLimiter limiter = this.server.limiter();
		InetSocketAddress client = limiter.clientAddress(request.remoteAddress(), headers);
		ConnectionLimiter.Refusal refusal = limiter.check(client, this.server.sessionCount());
		if (refusal != null) {
			return limited(response, refusal, upgrade);
		}
		EngineIoHandshake handshake = new EngineIoHandshake(readOnlyCopy(headers), QueryParameters.copyOf(query),
				client, request.uri(), "https".equals(request.scheme()), Instant.now());
		EngineIoRequestFilter filter = this.options.requestFilter();
		Mono<Void> allowed = (filter != null) ? Mono.defer(() -> filter.filter(handshake)) : Mono.empty();
		return allowed.then(Mono.defer(() -> {
			if (!"4".equals(first(query, "EIO"))) {
				return error(response, EngineIoError.UNSUPPORTED_PROTOCOL_VERSION, upgrade);
			}
			addHeaders(request, response, true);
			return (transport == EngineIoTransport.POLLING) ? openPolling(request, response, handshake)
					: openWebSocket(response, handshake);
		})).onErrorResume((ex) -> error(response, EngineIoError.FORBIDDEN,
				(ex instanceof EngineIoRequestRejectedException) ? ex.getMessage() : EngineIoError.FORBIDDEN.message(),
				upgrade));
	}

	private void addHeaders(HttpServerRequest request, HttpServerResponse response, boolean handshake) {
		EngineIoHeadersListener listener = this.options.headersListener();
		if (listener != null) {
			listener.onHeaders(request, response.responseHeaders(), handshake);
		}
	}

	// Handshakes

	private Mono<Void> openPolling(HttpServerRequest request, HttpServerResponse response, EngineIoHandshake handshake) {
		Channel[] channel = new Channel[1];
		request.withConnection((connection) -> channel[0] = connection.channel());
		EngineIoSession session = this.server.createSession(channel[0].eventLoop(), handshake,
				EngineIoTransport.POLLING, null);
		setCookie(response, session);
		Mono<PollResponse> open = Mono.create((sink) -> session.execute(() -> {
			this.server.opened(session);
			session.onPoll(sink);
		}));
		return open.flatMap((poll) -> writePoll(session, request, response, poll));
	}

	private Mono<Void> openWebSocket(HttpServerResponse response, EngineIoHandshake handshake) {
		// The id is chosen before the 101 answer so that the sticky-session cookie can carry it.
		String id = RandomIds.next();
		EngineIoCookieOptions cookie = this.options.cookie();
		if (cookie != null) {
			response.header(HttpHeaderNames.SET_COOKIE, cookie.headerValue(id));
		}
		return response.sendWebsocket((in, out) -> {
			Channel channel = channelOf(in);
			WebSocketTransport ws = new WebSocketTransport(channel);
			EngineIoSession session = this.server.createSession(id, channel.eventLoop(), handshake,
					EngineIoTransport.WEBSOCKET, ws);
			session.execute(() -> this.server.opened(session));
			return receive(in, session, ws);
		}, this.websocketSpec);
	}

	private Mono<Void> upgradeSession(EngineIoSession session, HttpServerResponse response) {
		return response.sendWebsocket((in, out) -> {
			WebSocketTransport ws = new WebSocketTransport(channelOf(in));
			session.executeHere(() -> session.onUpgradeSocket(ws), ws.channel().eventLoop());
			return receive(in, session, ws);
		}, this.websocketSpec);
	}

	private Mono<Void> receive(reactor.netty.http.websocket.WebsocketInbound in, EngineIoSession session,
			WebSocketTransport ws) {
		return new WebSocketReceiver(in.aggregateFrames(this.options.maxHttpBufferSize()).receiveObject(), this,
				session, ws);
	}

	void onFrame(EngineIoSession session, WebSocketTransport ws, WebSocketFrame frame) {
		if (this.server.hasListeners()) {
			this.server.onBytes(session, frame.content().readableBytes(), 0);
		}
		// The frame is released by Reactor Netty after this callback: copy its content out.
		if (frame instanceof TextWebSocketFrame text) {
			String value = text.text();
			session.executeHere(() -> session.onWebSocketText(ws, value), ws.channel().eventLoop());
		}
		else if (frame instanceof BinaryWebSocketFrame) {
			ByteBuf content = frame.content();
			byte[] bytes = new byte[content.readableBytes()];
			content.getBytes(content.readerIndex(), bytes);
			session.executeHere(() -> session.onWebSocketBinary(ws, bytes), ws.channel().eventLoop());
		}
	}

	// Long-polling

	private Mono<Void> poll(EngineIoSession session, HttpServerRequest request, HttpServerResponse response) {
		HttpMethod method = request.method();
		if (method == HttpMethod.GET) {
			EventLoop here = channelOf(request).eventLoop();
			Mono<PollResponse> poll = Mono.create((sink) -> session.executeHere(() -> session.onPoll(sink), here));
			return poll.flatMap((result) -> writePoll(session, request, response, result));
		}
		if (method == HttpMethod.POST) {
			return post(session, request, response);
		}
		return response.status(HttpResponseStatus.INTERNAL_SERVER_ERROR).send();
	}

	private Mono<Void> post(EngineIoSession session, HttpServerRequest request, HttpServerResponse response) {
		if (!session.postInFlight.compareAndSet(false, true)) {
			session.execute(() -> session.close(EngineIoCloseReason.TRANSPORT_ERROR, "overlapping post"));
			return response.status(HttpResponseStatus.BAD_REQUEST).send();
		}
		String contentType = request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE);
		if (contentType != null && contentType.startsWith("application/octet-stream")) {
			// EIO4 polling payloads are text only.
			session.postInFlight.set(false);
			session.execute(() -> session.close(EngineIoCloseReason.TRANSPORT_ERROR, "binary payload on EIO4"));
			return response.status(HttpResponseStatus.BAD_REQUEST).send();
		}
		int max = this.options.maxHttpBufferSize();
		long declared = contentLength(request.requestHeaders());
		if (declared > max) {
			session.postInFlight.set(false);
			return tooLarge(response);
		}
		// A request that ends before its whole body arrived closes the session, as in the
		// reference ("data request connection closed prematurely"), and frees the POST slot.
		AtomicBoolean bodyRead = new AtomicBoolean();
		return BodyReader.read(request, max)
			.doOnNext((body) -> {
				bodyRead.set(true);
				if (this.server.hasListeners()) {
					this.server.onBytes(session, ByteBufUtil.utf8Bytes(body), 0);
				}
			})
			.doOnCancel(() -> {
				if (!bodyRead.get()) {
					abortPost(session);
				}
			})
			.flatMap((body) -> {
				Mono<PollResponse> result = Mono.create((sink) -> session.executeHere(() -> {
					session.postInFlight.set(false);
					sink.success(session.onPost(body));
				}, channelOf(request).eventLoop()));
				return result.flatMap((poll) -> writePoll(session, request, response, poll));
			})
			.onErrorResume((ex) -> {
				if (ex instanceof BodyReader.TooLargeException) {
					session.postInFlight.set(false);
					return tooLarge(response);
				}
				if (!bodyRead.get()) {
					abortPost(session);
				}
				return Mono.error(ex);
			});
	}

	private static void abortPost(EngineIoSession session) {
		session.postInFlight.set(false);
		session.execute(() -> session.close(EngineIoCloseReason.TRANSPORT_ERROR,
				"data request connection closed prematurely"));
	}

	private Mono<Void> tooLarge(HttpServerResponse response) {
		// The reference keeps the session after a 413. The connection stays open: Reactor
		// Netty discards the rest of the body without buffering it, as Node does. Closing it
		// while the client still sends makes the kernel reset the connection, and the client
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
			// 1.3.6 stops reading a keep-alive connection when a request that arrived before
			// the previous exchange ended (as it can when that one ended on another thread)
			// is then answered at once (reactor/reactor-netty#4361).
			return Mono.defer(() -> writePoll(session, request, response, poll))
				.subscribeOn(Schedulers.fromExecutor(connectionLoop));
		}
		byte[] body = poll.body().getBytes(StandardCharsets.UTF_8);
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

	// Errors

	private Mono<Void> limited(HttpServerResponse response, ConnectionLimiter.Refusal refusal, boolean upgrade) {
		HttpResponseStatus status = (refusal == ConnectionLimiter.Refusal.SERVER_FULL)
				? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.TOO_MANY_REQUESTS;
		byte[] body = (upgrade ? refusal.message()
				: "{\"code\":" + EngineIoError.FORBIDDEN.code() + ",\"message\":\"" + refusal.message() + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		return response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, upgrade ? "text/plain; charset=UTF-8" : "application/json")
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
			.sendByteArray(Mono.just(body))
			.then();
	}

	private Mono<Void> error(HttpServerResponse response, EngineIoError error, boolean upgrade) {
		return error(response, error, error.message(), upgrade);
	}

	private Mono<Void> error(HttpServerResponse response, EngineIoError error, String message, boolean upgrade) {
		if (upgrade) {
			// A refused WebSocket upgrade gets a plain-text answer and the connection is
			// closed, as in the reference server.
			byte[] body = message.getBytes(StandardCharsets.UTF_8);
			return response.status(error.status())
				.header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
				.header(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
				.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
				.sendByteArray(Mono.just(body))
				.then();
		}
		byte[] body = ("{\"code\":" + error.code() + ",\"message\":" + jsonString(message) + "}")
			.getBytes(StandardCharsets.UTF_8);
		return response.status(error.status())
			.header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
			.sendByteArray(Mono.just(body))
			.then();
	}

	// Helpers

	/**
	 * A compact read-only copy of the request headers, kept for the session's lifetime: one
	 * array of names and values (the strings are shared with the request) instead of a hash
	 * table of entries.
	 */
	static HttpHeaders readOnlyCopy(HttpHeaders headers) {
		CharSequence[] pairs = new CharSequence[headers.size() * 2];
		int i = 0;
		for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext();) {
			Map.Entry<CharSequence, CharSequence> header = it.next();
			pairs[i++] = header.getKey();
			pairs[i++] = header.getValue();
		}
		// Already validated by the HTTP decoder
		return new ReadOnlyHttpHeaders(false, (i == pairs.length) ? pairs : Arrays.copyOf(pairs, i));
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

	private static boolean isWebSocketUpgrade(HttpHeaders headers) {
		return headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
				&& headers.contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
	}

	/**
	 * Return why Netty could not complete this WebSocket handshake, or {@code null}. Such a
	 * request would otherwise lose its connection without an answer; the reference server
	 * (ws) answers it with an error status.
	 */
	private static @Nullable String invalidWebSocketHandshake(HttpServerRequest request) {
		if (request.method() != HttpMethod.GET) {
			return "Invalid HTTP method";
		}
		String key = request.requestHeaders().get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
		if (key == null || key.isEmpty()) {
			return "Missing or invalid Sec-WebSocket-Key header";
		}
		if (!request.requestHeaders().contains(HttpHeaderNames.SEC_WEBSOCKET_VERSION)) {
			// Without a version Netty picks the obsolete hixie-76 handshake
			return "Missing or invalid Sec-WebSocket-Version header";
		}
		return null;
	}

	private static Channel channelOf(Object inbound) {
		return ((Connection) inbound).channel();
	}

	private static @Nullable String first(Map<String, List<String>> query, String name) {
		List<String> values = query.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	private static boolean hasInvalidHeaderChar(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
				return true;
			}
		}
		return false;
	}

	static String jsonString(String value) {
		StringBuilder json = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
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
