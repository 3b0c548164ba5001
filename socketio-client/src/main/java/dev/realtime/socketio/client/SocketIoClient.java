package dev.realtime.socketio.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import dev.realtime.socketio.client.internal.ClientConfig;
import dev.realtime.socketio.client.internal.DefaultSocketIoClient;

/**
 * A Socket.IO v5 client on Reactor Netty: one Engine.IO connection to a server (polling,
 * WebSocket, or polling upgraded to WebSocket) that carries the sockets of any number of
 * namespaces. <pre class="code">
 * SocketIoClient client = SocketIoClient.builder()
 *     .uri("http://localhost:8080")
 *     .auth(Map.of("token", token))
 *     .build();
 * client.connect("/chat")
 *     .flatMap((socket) -&gt; socket.emitWithAck(Duration.ofSeconds(5), Receipt.class, "message", message))
 *     .block();
 * client.close().block();
 * </pre> The connection opens with the first {@link #connect} and closes when no socket
 * is connected any more, or with {@link #close()}. A connection that drops is reopened
 * according to the {@link Reconnection} policy and the sockets are connected again, with
 * their session restored when the server has connection state recovery on.
 *
 * @since 0.1.0
 */
public interface SocketIoClient {

	/**
	 * Start building a client.
	 * @return a builder
	 */
	static Builder builder() {
		return new Builder();
	}

	/**
	 * Connect the namespace of the URI's path ({@code /} when it has none), with the
	 * builder's auth.
	 * @return the socket once the server accepted it; a {@link SocketIoConnectException}
	 * if it was refused or the server could not be reached
	 */
	Mono<ClientSocket> connect();

	/**
	 * Connect a namespace with the builder's auth.
	 * @param namespace the namespace, for example {@code /chat}
	 * @return the socket once the server accepted it; a {@link SocketIoConnectException}
	 * if it was refused or the server could not be reached
	 */
	Mono<ClientSocket> connect(String namespace);

	/**
	 * Connect a namespace with its own handshake auth. A namespace that is already
	 * connected gives the same socket.
	 * @param namespace the namespace, for example {@code /chat}
	 * @param auth the auth object (converted to a JSON object), or {@code null} for none
	 * @return the socket once the server accepted it; a {@link SocketIoConnectException}
	 * if it was refused or the server could not be reached
	 */
	Mono<ClientSocket> connect(String namespace, @Nullable Object auth);

	/**
	 * Return the URI of the server, as given to the builder.
	 * @return the URI
	 */
	URI uri();

	/**
	 * Return the transport of the Engine.IO connection now.
	 * @return the transport, or {@code null} when the connection is not open
	 */
	@Nullable Transport transport();

	/**
	 * Disconnect every socket and close the connection; the client can connect again
	 * afterwards.
	 * @return completes once the connection is closed
	 */
	Mono<Void> close();

	/**
	 * Builds a {@link SocketIoClient}. Only {@link #uri(String)} is required.
	 *
	 * @since 0.1.0
	 */
	final class Builder {

		private @Nullable URI uri;

		private String path = "/socket.io/";

		private @Nullable Object auth;

		private final Map<String, String> query = new LinkedHashMap<>();

		private final Map<String, String> headers = new LinkedHashMap<>();

		private List<Transport> transports = List.of(Transport.POLLING, Transport.WEBSOCKET);

		private boolean upgrade = true;

		private Reconnection reconnection = Reconnection.defaults();

		private Duration connectTimeout = Duration.ofSeconds(20);

		private int maxFramePayloadLength = 64 * 1024 * 1024;

		private @Nullable JsonMapper jsonMapper;

		private @Nullable HttpClient httpClient;

		private Builder() {
		}

		/**
		 * Set the server: {@code http://}, {@code https://}, {@code ws://} or
		 * {@code wss://}, optionally with the default namespace as its path
		 * ({@code http://host:8080/chat}).
		 * @param uri the server URI
		 * @return this builder
		 */
		public Builder uri(String uri) {
			return uri(URI.create(Objects.requireNonNull(uri, "uri")));
		}

		/**
		 * Set the server, see {@link #uri(String)}.
		 * @param uri the server URI
		 * @return this builder
		 */
		public Builder uri(URI uri) {
			Objects.requireNonNull(uri, "uri");
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase() : "";
			if (!List.of("http", "https", "ws", "wss").contains(scheme) || uri.getHost() == null) {
				throw new IllegalArgumentException(
						"The URI must be http(s):// or ws(s):// with a host, for example http://localhost:8080, was "
								+ uri);
			}
			this.uri = uri;
			return this;
		}

		/**
		 * Set the path of the server's Engine.IO endpoint ({@code socketio.path} of a
		 * Spring Boot server, {@code path} of a Node server).
		 * @param path the path, {@code /socket.io/} by default
		 * @return this builder
		 */
		public Builder path(String path) {
			Objects.requireNonNull(path, "path");
			String normalized = path.startsWith("/") ? path : "/" + path;
			this.path = normalized.endsWith("/") ? normalized : normalized + "/";
			return this;
		}

		/**
		 * Set the handshake auth sent with the CONNECT of every namespace that has none
		 * of its own: a map or an object the mapper writes as a JSON object.
		 * @param auth the auth, or {@code null} for none
		 * @return this builder
		 */
		public Builder auth(@Nullable Object auth) {
			this.auth = auth;
			return this;
		}

		/**
		 * Add a query parameter to every request of the connection (the server's
		 * {@code handshake.query}).
		 * @param name the parameter name
		 * @param value the value
		 * @return this builder
		 */
		public Builder query(String name, String value) {
			this.query.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
			return this;
		}

		/**
		 * Add a header to every HTTP request and to the WebSocket handshake.
		 * @param name the header name
		 * @param value the value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			this.headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
			return this;
		}

		/**
		 * Set the transports, in the order they are tried: the connection opens with the
		 * first and upgrades to WebSocket when it is listed after polling.
		 * @param transports the transports, polling then WebSocket by default
		 * @return this builder
		 */
		public Builder transports(Transport... transports) {
			if (transports.length == 0) {
				throw new IllegalArgumentException("At least one transport is needed");
			}
			List<Transport> list = new ArrayList<>();
			for (Transport transport : transports) {
				if (!list.contains(Objects.requireNonNull(transport, "transport"))) {
					list.add(transport);
				}
			}
			this.transports = List.copyOf(list);
			return this;
		}

		/**
		 * Set whether a polling connection upgrades to WebSocket when the server offers
		 * it.
		 * @param upgrade {@code true} by default
		 * @return this builder
		 */
		public Builder upgrade(boolean upgrade) {
			this.upgrade = upgrade;
			return this;
		}

		/**
		 * Set how the client reconnects after its connection dropped.
		 * @param reconnection the policy, {@link Reconnection#defaults()} by default
		 * @return this builder
		 */
		public Builder reconnection(Reconnection reconnection) {
			this.reconnection = Objects.requireNonNull(reconnection, "reconnection");
			return this;
		}

		/**
		 * Set how long {@link SocketIoClient#connect()} waits for the server to accept a
		 * namespace.
		 * @param connectTimeout a positive duration, 20 seconds by default
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			Objects.requireNonNull(connectTimeout, "connectTimeout");
			if (connectTimeout.isNegative() || connectTimeout.isZero()) {
				throw new IllegalArgumentException("connectTimeout must be positive, was " + connectTimeout);
			}
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Set the largest WebSocket frame accepted from the server.
		 * @param bytes the limit, 64 MiB by default
		 * @return this builder
		 */
		public Builder maxFramePayloadLength(int bytes) {
			if (bytes < 1) {
				throw new IllegalArgumentException("maxFramePayloadLength must be positive, was " + bytes);
			}
			this.maxFramePayloadLength = bytes;
			return this;
		}

		/**
		 * Set the mapper that writes arguments and reads typed payloads.
		 * @param jsonMapper the mapper, a default {@link JsonMapper} by default
		 * @return this builder
		 */
		public Builder jsonMapper(JsonMapper jsonMapper) {
			this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
			return this;
		}

		/**
		 * Set the Reactor Netty client the connection is made with, for TLS, proxies or
		 * metrics.
		 * @param httpClient the client, {@link HttpClient#create()} by default
		 * @return this builder
		 */
		public Builder httpClient(HttpClient httpClient) {
			this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
			return this;
		}

		/**
		 * Build the client. Nothing is connected until {@link SocketIoClient#connect()}.
		 * @return the client
		 * @throws IllegalStateException if no URI was set
		 */
		public SocketIoClient build() {
			if (this.uri == null) {
				throw new IllegalStateException("No server URI: call uri(\"http://host:port\") first");
			}
			JsonMapper mapper = (this.jsonMapper != null) ? this.jsonMapper : JsonMapper.builder().build();
			HttpClient client = (this.httpClient != null) ? this.httpClient : HttpClient.create();
			return new DefaultSocketIoClient(new ClientConfig(this.uri, this.path, this.auth, Map.copyOf(this.query),
					Map.copyOf(this.headers), this.transports, this.upgrade, this.reconnection, this.connectTimeout,
					this.maxFramePayloadLength, mapper, client));
		}

	}

}
