package dev.realtime.socketio.engine;

import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.realtime.socketio.internal.RandomIds;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * Turns HTTP requests into session operations: the checks and errors of the protocol
 * (docs/protocol.md 1.7, in the reference server's order), CORS, and WebSocket sessions
 * and upgrades; long-polling GET and POST go to the {@link PollingRequestHandler}.
 */
final class EngineIoRequestHandler {

	private static final int MAX_QUERY_PARAMS = 256;

	private final EngineIoServer server;

	private final EngineIoOptions options;

	private final CorsProcessor cors;

	private final WebsocketServerSpec websocketSpec;

	private final PollingRequestHandler polling;

	private final long closeTimeoutMillis;

	EngineIoRequestHandler(EngineIoServer server) {
		this.server = server;
		this.options = server.options();
		this.closeTimeoutMillis = this.options.closeTimeout().toMillis();
		this.cors = new CorsProcessor(this.options.cors());
		this.polling = new PollingRequestHandler(server);
		this.websocketSpec = WebsocketServerSpec.builder()
			.maxFramePayloadLength(this.options.maxHttpBufferSize())
			.compress(this.options.perMessageDeflate())
			.handlePing(false)
			.build();
	}

	Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		HttpHeaders headers = request.requestHeaders();
		boolean upgrade = RequestChecks.isWebSocketUpgrade(headers);
		if (RequestChecks.hasInvalidRequestTargetChar(request.uri())) {
			// Netty's decoder lets any byte through in the request target; Node's parser
			// answers 400.
			return ErrorResponses.error(response, EngineIoError.BAD_REQUEST, upgrade);
		}
		String origin = headers.get(HttpHeaderNames.ORIGIN);
		if (this.cors.enabled()) {
			this.cors.applyHeaders(origin, response);
			if (request.method() == HttpMethod.OPTIONS
					&& headers.contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
				this.cors.applyPreflight(headers, response);
				return response.status(HttpResponseStatus.NO_CONTENT).send();
			}
		}
		Map<String, List<String>> query;
		try {
			query = new QueryStringDecoder(request.uri(), StandardCharsets.UTF_8, true, MAX_QUERY_PARAMS).parameters();
		}
		catch (IllegalArgumentException ex) {
			// A malformed escape in the query ("%zz", a trailing "%")
			return ErrorResponses.error(response, EngineIoError.BAD_REQUEST, upgrade);
		}
		EngineIoTransport transport = EngineIoTransport.fromWireName(RequestChecks.first(query, "transport"));
		if (transport == null || !this.options.transports().contains(transport)) {
			return ErrorResponses.error(response, EngineIoError.UNKNOWN_TRANSPORT, upgrade);
		}
		if (origin != null && RequestChecks.hasInvalidHeaderChar(origin)) {
			return ErrorResponses.error(response, EngineIoError.BAD_REQUEST, upgrade);
		}
		if (origin != null && (this.cors.enabled() ? !this.cors.isAllowed(origin)
				: !RequestChecks.isSameOrigin(origin, request))) {
			// Without configured origins a browser page may connect only from the
			// server's own
			// origin (cross-site WebSocket hijacking), as with Spring's WebSocket
			// support.
			return ErrorResponses.error(response, EngineIoError.FORBIDDEN, "Origin not allowed", upgrade);
		}
		String sid = RequestChecks.first(query, "sid");
		if (sid != null) {
			EngineIoSession session = this.server.find(sid);
			if (session == null) {
				return ErrorResponses.error(response, EngineIoError.UNKNOWN_SID, upgrade);
			}
			if (!upgrade && transport != session.transport()) {
				return ErrorResponses.error(response, EngineIoError.BAD_REQUEST, upgrade);
			}
			if (!session.protocol().version().equals(RequestChecks.first(query, "EIO"))) {
				return ErrorResponses.error(response, EngineIoError.BAD_REQUEST, upgrade);
			}
			addHeaders(request, response, false);
			if (upgrade) {
				if (transport != EngineIoTransport.WEBSOCKET || !this.options.allowUpgrades()) {
					return ErrorResponses.error(response, EngineIoError.BAD_REQUEST, true);
				}
				String invalid = RequestChecks.invalidWebSocketHandshake(request);
				if (invalid != null) {
					return ErrorResponses.error(response, EngineIoError.BAD_REQUEST, invalid, true);
				}
				if (!RequestChecks.isSupportedWebSocketVersion(headers)) {
					return unsupportedWebSocketVersion(response);
				}
				return upgradeSession(session, response, RequestChecks.first(query, "b64"));
			}
			return this.polling.handle(session, request, response);
		}
		if (request.method() != HttpMethod.GET) {
			return ErrorResponses.error(response, EngineIoError.BAD_HANDSHAKE_METHOD, upgrade);
		}
		if (transport == EngineIoTransport.WEBSOCKET && !upgrade) {
			return ErrorResponses.error(response, EngineIoError.BAD_REQUEST, false);
		}
		String invalid = (transport == EngineIoTransport.WEBSOCKET) ? RequestChecks.invalidWebSocketHandshake(request)
				: null;
		if (invalid != null) {
			return ErrorResponses.error(response, EngineIoError.BAD_REQUEST, invalid, true);
		}
		if (transport == EngineIoTransport.WEBSOCKET && !RequestChecks.isSupportedWebSocketVersion(headers)) {
			return unsupportedWebSocketVersion(response);
		}
		if (this.server.isShuttingDown()) {
			return ErrorResponses.error(response, EngineIoError.BAD_REQUEST, "Server shutting down", upgrade);
		}
		ConnectionLimiter limiter = this.server.limiter();
		InetSocketAddress client = limiter.clientAddress(request.remoteAddress(), headers);
		ConnectionLimiter.Refusal refusal = limiter.check(client, this.server.sessionCount());
		if (refusal != null) {
			return ErrorResponses.limited(response, refusal, upgrade);
		}
		EngineIoHandshake handshake = new EngineIoHandshake(HandshakeHeaders.copyOf(headers),
				QueryParameters.copyOf(query), client, request.uri(), "https".equals(request.scheme()), Instant.now());
		EngineIoRequestFilter filter = this.options.requestFilter();
		Mono<Void> allowed = (filter != null) ? Mono.defer(() -> filter.filter(handshake)) : Mono.empty();
		return allowed.then(Mono.defer(() -> {
			EngineIoProtocol protocol = EngineIoProtocol.forHandshake(RequestChecks.first(query, "EIO"),
					this.options.allowEio3());
			if (protocol == null) {
				return ErrorResponses.error(response, EngineIoError.UNSUPPORTED_PROTOCOL_VERSION, upgrade);
			}
			if (protocol == EngineIoProtocol.V3 && query.containsKey("j")) {
				// EIO3 JSONP polling (old browsers without XHR) is not implemented.
				return ErrorResponses.error(response, EngineIoError.BAD_REQUEST, "JSONP polling is not supported",
						upgrade);
			}
			addHeaders(request, response, true);
			return (transport == EngineIoTransport.POLLING) ? this.polling.open(request, response, handshake)
					: openWebSocket(response, handshake);
		}))
			.onErrorResume((ex) -> ErrorResponses.error(response, EngineIoError.FORBIDDEN,
					(ex instanceof EngineIoRequestRejectedException)
							? Objects.requireNonNullElse(ex.getMessage(), EngineIoError.FORBIDDEN.message())
							: EngineIoError.FORBIDDEN.message(),
					upgrade));
	}

	private void addHeaders(HttpServerRequest request, HttpServerResponse response, boolean handshake) {
		EngineIoHeadersListener listener = this.options.headersListener();
		if (listener != null) {
			listener.onHeaders(request, response.responseHeaders(), handshake);
		}
	}

	/**
	 * RFC 6455 4.4: a version the server does not speak gets 426 and the versions it
	 * does; answered here, as a client's mistake, rather than by a failed Netty
	 * handshake.
	 */
	private static Mono<Void> unsupportedWebSocketVersion(HttpServerResponse response) {
		byte[] body = "Unsupported WebSocket version".getBytes(StandardCharsets.UTF_8);
		return response.status(HttpResponseStatus.UPGRADE_REQUIRED)
			.header(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13")
			.header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
			.header(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
			.sendByteArray(Mono.just(body))
			.then();
	}

	// Handshakes

	private Mono<Void> openWebSocket(HttpServerResponse response, EngineIoHandshake handshake) {
		// The id is chosen before the 101 answer so that the sticky-session cookie can
		// carry it.
		String id = RandomIds.next();
		EngineIoCookieOptions cookie = this.options.cookie();
		if (cookie != null) {
			response.header(HttpHeaderNames.SET_COOKIE, cookie.headerValue(id));
		}
		return response.sendWebsocket((in, out) -> {
			releaseHeaders(in, response);
			Channel channel = channelOf(in);
			WebSocketTransport ws = new WebSocketTransport(channel, this.closeTimeoutMillis,
					WebSocketTransport.BinaryFraming.of(EngineIoProtocol.of(handshake), handshake.queryParam("b64")),
					this.options.perMessageDeflate());
			EngineIoSession session = this.server.createSession(id, channel.eventLoop(), handshake,
					EngineIoTransport.WEBSOCKET, ws);
			session.execute(() -> this.server.opened(session));
			return receive(in, session, ws);
		}, this.websocketSpec);
	}

	private Mono<Void> upgradeSession(EngineIoSession session, HttpServerResponse response, @Nullable String b64) {
		WebSocketTransport.BinaryFraming framing = WebSocketTransport.BinaryFraming.of(session.protocol(), b64);
		return response.sendWebsocket((in, out) -> {
			releaseHeaders(in, response);
			WebSocketTransport ws = new WebSocketTransport(channelOf(in), this.closeTimeoutMillis, framing,
					this.options.perMessageDeflate());
			session.executeHere(() -> session.webSockets().onUpgradeSocket(ws), ws.channel().eventLoop());
			return receive(in, session, ws);
		}, this.websocketSpec);
	}

	/**
	 * The 101 answer is sent and the session has its own copy of the request headers:
	 * Reactor Netty would otherwise keep both header maps of the upgrade request, and
	 * their entries, for as long as the WebSocket is open (about 0.4 KB of an idle
	 * connection's heap). Nothing reads them afterwards; a Reactor Netty access log that
	 * prints request headers prints none for a WebSocket.
	 */
	private static void releaseHeaders(reactor.netty.http.websocket.WebsocketInbound in, HttpServerResponse response) {
		in.headers().clear();
		response.responseHeaders().clear();
	}

	private Mono<Void> receive(reactor.netty.http.websocket.WebsocketInbound in, EngineIoSession session,
			WebSocketTransport ws) {
		QuietCloseFrameEncoder.install(ws.channel().pipeline());
		return new WebSocketReceiver(in.receiveObject(), this, session, ws);
	}

	void onFrame(EngineIoSession session, WebSocketTransport ws, WebSocketFrame frame) {
		if (this.server.hasListeners()) {
			this.server.onBytes(session, frame.content().readableBytes(), 0);
		}
		boolean first = frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame;
		if (first && frame.isFinalFragment()) {
			// The frame is released by Reactor Netty after this callback: copy its
			// content
			// out.
			onMessage(session, ws, frame instanceof TextWebSocketFrame, frame.content());
		}
		else if (first || frame instanceof ContinuationWebSocketFrame) {
			onFragment(session, ws, frame, first);
		}
	}

	private void onFragment(EngineIoSession session, WebSocketTransport ws, WebSocketFrame frame, boolean first) {
		WebSocketFragments fragments = ws.fragments();
		if (first) {
			fragments = new WebSocketFragments(frame instanceof TextWebSocketFrame, this.options.maxHttpBufferSize());
			ws.fragments(fragments);
		}
		if (fragments == null) {
			// Netty's decoder fails a continuation outside a fragmented message.
			return;
		}
		if (!fragments.append(frame.content())) {
			ws.fragments(null);
			// As a single frame over the limit: 1009, and the session ends.
			ws.close(WebSocketCloseStatus.MESSAGE_TOO_BIG);
			session.executeHere(() -> session.webSockets().onError(ws, "message too big"), ws.channel().eventLoop());
			return;
		}
		if (frame.isFinalFragment()) {
			ws.fragments(null);
			onMessage(session, ws, fragments.text(), Unpooled.wrappedBuffer(fragments.payload()));
		}
	}

	private void onMessage(EngineIoSession session, WebSocketTransport ws, boolean text, ByteBuf content) {
		if (text) {
			if (!ByteBufUtil.isText(content, StandardCharsets.UTF_8)) {
				// RFC 6455 8.1: a text frame that is not UTF-8 fails the connection with
				// 1007.
				ws.close(WebSocketCloseStatus.INVALID_PAYLOAD_DATA);
				session.executeHere(() -> session.webSockets().onError(ws, "invalid UTF-8 in a text frame"),
						ws.channel().eventLoop());
				return;
			}
			String value = content.toString(StandardCharsets.UTF_8);
			session.executeHere(() -> session.webSockets().onText(ws, value), ws.channel().eventLoop());
		}
		else {
			byte[] bytes = new byte[content.readableBytes()];
			content.getBytes(content.readerIndex(), bytes);
			session.executeHere(() -> session.webSockets().onBinary(ws, bytes), ws.channel().eventLoop());
		}
	}

	// Helpers

	private static Channel channelOf(Object inbound) {
		return ((Connection) inbound).channel();
	}

}
