package dev.realtime.socketio.client.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import dev.realtime.socketio.client.Reconnection;
import dev.realtime.socketio.client.Transport;

/**
 * The settings of a client, as its builder collected them.
 *
 * @param uri the server URI
 * @param path the Engine.IO path, with leading and trailing slash
 * @param auth the default handshake auth
 * @param query the extra query parameters
 * @param headers the extra headers
 * @param transports the transports, in order
 * @param upgrade whether polling upgrades to WebSocket
 * @param reconnection the reconnection policy
 * @param connectTimeout how long a namespace connect may take
 * @param maxFramePayloadLength the largest WebSocket frame accepted
 * @param mapper the JSON mapper
 * @param httpClient the Reactor Netty client
 */
public record ClientConfig(URI uri, String path, @Nullable Object auth, Map<String, String> query,
		Map<String, String> headers, List<Transport> transports, boolean upgrade, Reconnection reconnection,
		Duration connectTimeout, int maxFramePayloadLength, JsonMapper mapper, HttpClient httpClient) {

	/**
	 * Return the namespace named by the URI's path.
	 */
	String defaultNamespace() {
		String path = this.uri.getPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

	/**
	 * Return the URL of an Engine.IO request: EIO4 query parameters {@code EIO},
	 * {@code transport} and, after the handshake, {@code sid}.
	 */
	String engineUrl(Transport transport, @Nullable String sid) {
		boolean secure = "https".equalsIgnoreCase(this.uri.getScheme()) || "wss".equalsIgnoreCase(this.uri.getScheme());
		String scheme = (transport == Transport.WEBSOCKET) ? (secure ? "wss" : "ws") : (secure ? "https" : "http");
		StringBuilder url = new StringBuilder(128).append(scheme).append("://").append(this.uri.getRawAuthority());
		url.append(this.path).append("?EIO=4&transport=").append(transport.id());
		if (sid != null) {
			url.append("&sid=").append(encode(sid));
		}
		this.query.forEach((name, value) -> url.append('&').append(encode(name)).append('=').append(encode(value)));
		return url.toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
