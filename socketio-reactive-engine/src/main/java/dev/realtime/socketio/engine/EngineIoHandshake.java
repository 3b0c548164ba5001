package dev.realtime.socketio.engine;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * What the server knows of the HTTP request that opened a session.
 *
 * @param headers the request headers (a read-only copy)
 * @param query the query parameters, by name, in request order (read-only)
 * @param remoteAddress the client's address
 * @param url the request URI, path and query
 * @param secure whether the request came over TLS
 * @param time when the handshake happened
 * @since 0.1.0
 */
public record EngineIoHandshake(HttpHeaders headers, Map<String, List<String>> query,
		@Nullable InetSocketAddress remoteAddress, String url, boolean secure, Instant time) {

	/**
	 * Return the first value of a query parameter.
	 * @param name the parameter name
	 * @return the value, or {@code null} when absent
	 */
	public @Nullable String queryParam(String name) {
		List<String> values = this.query.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
