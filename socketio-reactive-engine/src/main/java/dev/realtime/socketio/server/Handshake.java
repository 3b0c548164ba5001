package dev.realtime.socketio.server;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a socket's client sent when it connected: the HTTP request of the Engine.IO
 * handshake and the {@code auth} payload of the Socket.IO CONNECT packet.
 *
 * @param headers the HTTP request headers
 * @param query the query parameters
 * @param auth the CONNECT auth payload, empty when the client sent none
 * @param address the client's IP address
 * @param time when the Engine.IO handshake happened
 * @param url the request URI
 * @param secure whether the connection uses TLS
 * @param crossDomain whether the request carried an {@code Origin} header
 * @since 0.1.0
 */
public record Handshake(HttpHeaders headers, Map<String, List<String>> query, ObjectNode auth, String address,
		Instant time, String url, boolean secure, boolean crossDomain) {

	/**
	 * Return when the handshake happened, in milliseconds since the epoch (Node's
	 * {@code issued}).
	 * @return the handshake time in milliseconds
	 */
	public long issued() {
		return this.time.toEpochMilli();
	}

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
