package dev.realtime.socketio.netty;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Read timeouts for HTTP requests that are sent too slowly: a request whose headers are
 * not complete within {@link #headersTimeout()} of its first byte, or whose body is not
 * complete within {@link #bodyTimeout()} of its headers, is answered
 * {@code 408 Request Timeout} and its connection closed, as the Node.js server does.
 * Without them, a client that sends half a request line, or declares a large body and
 * sends a byte now and then, holds a connection (and, for a body, a buffer) for as long
 * as it likes.
 * <p>
 * Nothing else is timed: a connection that has sent nothing since its last answer, a
 * request waiting for its answer (a long-poll), and a connection that became a WebSocket.
 * A zero duration turns a timeout off. <pre class="code">
 * HttpServer server = HttpRequestTimeouts.defaults().applyTo(HttpServer.create().route(routes));
 * </pre>
 *
 * @param headersTimeout the most time from a request's first byte to the end of its
 * headers
 * @param bodyTimeout the most time from the end of a request's headers to the end of its
 * body
 * @since 0.1.0
 */
public record HttpRequestTimeouts(Duration headersTimeout, Duration bodyTimeout) {

	private static final String BYTES_HANDLER = "socketio.requestStart";

	private static final String TIMEOUT_HANDLER = "socketio.requestTimeout";

	/**
	 * Validate the timeouts.
	 * @param headersTimeout the most time from a request's first byte to the end of its
	 * headers, zero for none
	 * @param bodyTimeout the most time from the end of a request's headers to the end of
	 * its body, zero for none
	 */
	public HttpRequestTimeouts {
		Objects.requireNonNull(headersTimeout, "headersTimeout");
		Objects.requireNonNull(bodyTimeout, "bodyTimeout");
		if (headersTimeout.isNegative() || bodyTimeout.isNegative()) {
			throw new IllegalArgumentException("Request timeouts must not be negative");
		}
	}

	/**
	 * Return the defaults: 30 s for the headers, 60 s for a body.
	 * @return the default timeouts
	 */
	public static HttpRequestTimeouts defaults() {
		return new HttpRequestTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(60));
	}

	/**
	 * Return timeouts that time nothing.
	 * @return no timeouts
	 */
	public static HttpRequestTimeouts none() {
		return new HttpRequestTimeouts(Duration.ZERO, Duration.ZERO);
	}

	/**
	 * Apply the timeouts to every request of a server.
	 * @param server the server
	 * @return the server with the timeouts
	 */
	public HttpServer applyTo(HttpServer server) {
		return applyTo(server, (uri) -> true);
	}

	/**
	 * Apply the headers timeout to every request of a server, and the body timeout only
	 * to the requests under a path: on a port shared with an application, the
	 * application's own uploads keep their behaviour. (The headers timeout cannot be
	 * limited to a path: the path is not known before the request line is complete.)
	 * @param server the server
	 * @param pathPrefix the path whose request bodies are timed, e.g. {@code /socket.io/}
	 * @return the server with the timeouts
	 */
	public HttpServer applyTo(HttpServer server, String pathPrefix) {
		Objects.requireNonNull(pathPrefix, "pathPrefix");
		return applyTo(server, (uri) -> uri.startsWith(pathPrefix));
	}

	private HttpServer applyTo(HttpServer server, Predicate<String> timedBodies) {
		long headers = this.headersTimeout.toMillis();
		long body = this.bodyTimeout.toMillis();
		if (headers == 0 && body == 0) {
			return server;
		}
		return server.doOnChannelInit((observer, channel, address) -> {
			ChannelPipeline pipeline = channel.pipeline();
			// HTTP/1.1 only: HTTP/2 has its own streams and flow control.
			if (pipeline.get(NettyPipeline.HttpCodec) instanceof HttpServerCodec) {
				RequestTimeoutHandler handler = new RequestTimeoutHandler(headers, body, timedBodies);
				pipeline.addBefore(NettyPipeline.HttpCodec, BYTES_HANDLER, handler.requestStart());
				pipeline.addAfter(NettyPipeline.HttpCodec, TIMEOUT_HANDLER, handler);
			}
		});
	}

}
