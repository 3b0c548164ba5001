package dev.realtime.socketio.engine;

import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The checks on an Engine.IO request's headers and query that
 * {@link EngineIoRequestHandler} runs, in the reference server's order, before a request
 * reaches a session.
 */
final class RequestChecks {

	private RequestChecks() {
	}

	static boolean isWebSocketUpgrade(HttpHeaders headers) {
		return headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
				&& headers.contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
	}

	/**
	 * Return why Netty could not complete this WebSocket handshake, or {@code null}. Such
	 * a request would otherwise lose its connection without an answer; the reference
	 * server (ws) answers it with an error status.
	 */
	static @Nullable String invalidWebSocketHandshake(HttpServerRequest request) {
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

	/**
	 * Whether a request target holds a byte RFC 9112 does not allow there (a control
	 * character, a space, or anything outside ASCII); Netty's decoder passes them
	 * through.
	 */
	static boolean hasInvalidRequestTargetChar(String uri) {
		for (int i = 0; i < uri.length(); i++) {
			char c = uri.charAt(i);
			if (c <= 0x20 || c >= 0x7f) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether Netty can answer this WebSocket version (RFC 6455's 13, and the drafts' 7
	 * and 8). Netty answers any other version 426 itself, but then fails the exchange,
	 * which Reactor Netty logs as an error with a stack trace: one per such request.
	 */
	static boolean isSupportedWebSocketVersion(HttpHeaders headers) {
		String version = headers.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
		return "13".equals(version) || "8".equals(version) || "7".equals(version);
	}

	/**
	 * Whether an {@code Origin} is the request's own: the same scheme, host and port as
	 * the request's (its {@code Host} header, or what forwarded headers say when the
	 * server trusts them), as Spring's WebSocket support decides. {@code null} and
	 * anything not {@code scheme://host[:port]} are never the same origin.
	 */
	static boolean isSameOrigin(String origin, HttpServerRequest request) {
		int schemeEnd = origin.indexOf("://");
		if (schemeEnd <= 0) {
			return false;
		}
		Boolean originSecure = secure(origin.substring(0, schemeEnd));
		Boolean requestSecure = secure(request.scheme());
		if (originSecure == null || !originSecure.equals(requestSecure)) {
			return false;
		}
		String authority = origin.substring(schemeEnd + 3);
		if (authority.isEmpty() || authority.indexOf('/') >= 0) {
			return false;
		}
		int colon = authority.lastIndexOf(':');
		if (colon < authority.lastIndexOf(']')) {
			colon = -1;
		}
		String host = (colon < 0) ? authority : authority.substring(0, colon);
		int port;
		try {
			port = (colon < 0) ? (originSecure ? 443 : 80) : Integer.parseInt(authority.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			return false;
		}
		return port == request.hostPort() && unbracketed(host).equalsIgnoreCase(unbracketed(request.hostName()));
	}

	private static @Nullable Boolean secure(String scheme) {
		if ("https".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme)) {
			return Boolean.TRUE;
		}
		if ("http".equalsIgnoreCase(scheme) || "ws".equalsIgnoreCase(scheme)) {
			return Boolean.FALSE;
		}
		return null;
	}

	private static String unbracketed(String host) {
		return (host.length() > 1 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']')
				? host.substring(1, host.length() - 1) : host;
	}

	static boolean hasInvalidHeaderChar(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
				return true;
			}
		}
		return false;
	}

	/** The first value of a query parameter, or {@code null}. */
	static @Nullable String first(Map<String, List<String>> query, String name) {
		List<String> values = query.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
