package dev.realtime.socketio.engine;

import io.netty.handler.codec.http.HttpHeaders;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Adds headers, such as cookies, to the engine's responses, with the request at hand: the
 * Node server's {@code initial_headers} (the handshake) and {@code headers} (every
 * response) events in one hook. It is called before the response is sent: for the
 * handshake response of either transport (the first long-polling GET, or the WebSocket
 * 101) once the handshake was accepted, then for every later request of the session
 * (long-polling GET and POST, the WebSocket upgrade). Never for CORS preflights, refused
 * handshakes, or requests refused before their session was found. It runs on the
 * connection's event loop: it must not block. <pre class="code">
 * EngineIoOptions.builder().headersListener((request, headers, handshake) -&gt; {
 * 	if (handshake) {
 * 		headers.add(HttpHeaderNames.SET_COOKIE, ServerCookieEncoder.STRICT.encode("lb", "node-1"));
 * 	}
 * });
 * </pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EngineIoHeadersListener {

	/**
	 * Add headers to a response before it is sent.
	 * @param request the request being answered
	 * @param headers the response's headers, to add to or change
	 * @param handshake whether the response opens a session (Node's
	 * {@code initial_headers})
	 */
	void onHeaders(HttpServerRequest request, HttpHeaders headers, boolean handshake);

}
