package dev.realtime.socketio.spring.test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.realtime.socketio.client.ClientSocket;
import dev.realtime.socketio.client.Reconnection;
import dev.realtime.socketio.client.SocketIoClient;
import dev.realtime.socketio.client.SocketIoConnectException;
import dev.realtime.socketio.client.Transport;

/**
 * A Socket.IO client for integration tests, in the spirit of {@code WebTestClient}. In a
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} test it is a bean, bound to the
 * application's port, its {@code socketio.path} and its {@code JsonMapper}; every
 * connection it opened is closed after each test method. <pre class="code">
 * &#64;SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
 * class ChatTests {
 *
 *     &#64;Autowired
 *     SocketIoTestClient socketIo;
 *
 *     &#64;Test
 *     void joinsARoom() {
 *         TestSocket alice = this.socketIo.namespace("/chat").auth(Map.of("nickname", "alice")).connect();
 *         assertThat(alice.emitWithAck("join", "general").expectReply(RoomState.class).room())
 *             .isEqualTo("general");
 *     }
 *
 * }
 * </pre> Each {@link TestSocket} has its own connection, as a separate user would.
 * Outside Spring tests, build one with {@link #builder()} and call {@link #closeAll()}
 * yourself.
 *
 * @since 0.1.0
 */
public final class SocketIoTestClient {

	/** The default time an expectation waits. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	private final Supplier<URI> uri;

	private final String path;

	private final JsonMapper mapper;

	private final Duration timeout;

	private final List<SocketIoClient> clients = new ArrayList<>();

	private SocketIoTestClient(Builder builder) {
		this.uri = Objects.requireNonNull(builder.uri, "uri");
		this.path = builder.path;
		this.mapper = (builder.mapper != null) ? builder.mapper : JsonMapper.builder().build();
		this.timeout = builder.timeout;
	}

	/**
	 * Start building a client, for tests outside a Spring application context.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Prepare a connection to a namespace.
	 * @param namespace the namespace, for example {@code /chat}
	 * @return the connection to configure
	 */
	public ConnectSpec namespace(String namespace) {
		if (!namespace.startsWith("/")) {
			throw new IllegalArgumentException("A namespace starts with '/', was " + namespace);
		}
		return new ConnectSpec(namespace);
	}

	/**
	 * Connect to the main namespace {@code /} without auth.
	 * @return the connected socket
	 * @throws AssertionError if the server refused it or could not be reached
	 */
	public TestSocket connect() {
		return namespace("/").connect();
	}

	/**
	 * Return the URI of the server the client connects to.
	 * @return the URI, for example {@code http://localhost:54321}
	 */
	public URI uri() {
		return this.uri.get();
	}

	/**
	 * Return how long an expectation waits.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Close every connection this client opened; done after each test method in Spring
	 * tests.
	 */
	public void closeAll() {
		List<SocketIoClient> open;
		synchronized (this.clients) {
			open = List.copyOf(this.clients);
			this.clients.clear();
		}
		open.forEach((client) -> client.close().block(this.timeout));
	}

	private SocketIoClient newClient(Consumer<SocketIoClient.Builder> customizer) {
		SocketIoClient.Builder builder = SocketIoClient.builder()
			.uri(this.uri.get())
			.path(this.path)
			.jsonMapper(this.mapper)
			.connectTimeout(this.timeout)
			.reconnection(Reconnection.disabled());
		customizer.accept(builder);
		SocketIoClient client = builder.build();
		synchronized (this.clients) {
			this.clients.add(client);
		}
		return client;
	}

	/**
	 * A connection to one namespace, to configure then {@link #connect()} or
	 * {@link #expectRefusal()}.
	 *
	 * @since 0.1.0
	 */
	public final class ConnectSpec {

		private final String namespace;

		private @Nullable Object auth;

		private Transport[] transports = { Transport.WEBSOCKET };

		private Reconnection reconnection = Reconnection.disabled();

		private ConnectSpec(String namespace) {
			this.namespace = namespace;
		}

		/**
		 * Set the handshake auth (the server's {@code handshake.auth}).
		 * @param auth a map or an object written as a JSON object
		 * @return this spec
		 */
		public ConnectSpec auth(@Nullable Object auth) {
			this.auth = auth;
			return this;
		}

		/**
		 * Set the transports; WebSocket only by default, as the fastest to set up.
		 * @param transports the transports in order, for example polling then WebSocket
		 * to test the upgrade
		 * @return this spec
		 */
		public ConnectSpec transports(Transport... transports) {
			this.transports = transports.clone();
			return this;
		}

		/**
		 * Set how the socket reconnects after its connection dropped; disabled by default
		 * so that a test sees a drop as it happens.
		 * @param reconnection the policy
		 * @return this spec
		 */
		public ConnectSpec reconnection(Reconnection reconnection) {
			this.reconnection = Objects.requireNonNull(reconnection, "reconnection");
			return this;
		}

		/**
		 * Connect, and wait until the server accepted the socket.
		 * @return the socket, recording every event from now on
		 * @throws AssertionError if the server refused it or could not be reached
		 */
		public TestSocket connect() {
			SocketIoClient client = newClient(this::configure);
			Duration timeout = SocketIoTestClient.this.timeout;
			TestSocket[] created = new TestSocket[1];
			try {
				client.connect(this.namespace, this.auth).doOnNext((socket) -> {
					created[0] = new TestSocket(socket, timeout);
					created[0].record();
				}).block(timeout.plusSeconds(1));
			}
			catch (SocketIoConnectException ex) {
				throw new AssertionError("Expected " + this.namespace + " to connect, but " + describe(ex), ex);
			}
			return Objects.requireNonNull(created[0]);
		}

		/**
		 * Connect, expecting the server to refuse the socket ({@code connect_error}).
		 * @return the refusal, with the server's message and data
		 * @throws AssertionError if the socket was accepted, or the server could not be
		 * reached
		 */
		public SocketIoConnectException expectRefusal() {
			SocketIoClient client = newClient(this::configure);
			ClientSocket socket;
			try {
				socket = client.connect(this.namespace, this.auth)
					.block(SocketIoTestClient.this.timeout.plusSeconds(1));
			}
			catch (SocketIoConnectException ex) {
				if (ex.isRefused()) {
					return ex;
				}
				throw new AssertionError("Expected " + this.namespace + " to be refused, but " + describe(ex), ex);
			}
			Objects.requireNonNull(socket).disconnect().block(SocketIoTestClient.this.timeout);
			throw new AssertionError(
					"Expected " + this.namespace + " to be refused, but it connected (socket " + socket.id() + ")");
		}

		private void configure(SocketIoClient.Builder builder) {
			builder.transports(this.transports).reconnection(this.reconnection);
		}

		private String describe(SocketIoConnectException ex) {
			return ex.isRefused() ? "it was refused: \"" + ex.getMessage() + "\" data " + ex.data()
					: String.valueOf(ex.getMessage());
		}

	}

	/**
	 * Builds a {@link SocketIoTestClient}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private @Nullable Supplier<URI> uri;

		private String path = "/socket.io/";

		private @Nullable JsonMapper mapper;

		private Duration timeout = DEFAULT_TIMEOUT;

		private Builder() {
		}

		/**
		 * Set the server.
		 * @param uri for example {@code http://localhost:8080}
		 * @return this builder
		 */
		public Builder uri(String uri) {
			URI parsed = URI.create(uri);
			this.uri = () -> parsed;
			return this;
		}

		/**
		 * Set the server, resolved at each connection (the port of an application that is
		 * still starting).
		 * @param uri supplies the URI
		 * @return this builder
		 */
		public Builder uri(Supplier<URI> uri) {
			this.uri = Objects.requireNonNull(uri, "uri");
			return this;
		}

		/**
		 * Set the server's Engine.IO path.
		 * @param path {@code /socket.io/} by default
		 * @return this builder
		 */
		public Builder path(String path) {
			this.path = Objects.requireNonNull(path, "path");
			return this;
		}

		/**
		 * Set the mapper for arguments and replies.
		 * @param mapper the application's mapper in Spring tests
		 * @return this builder
		 */
		public Builder jsonMapper(JsonMapper mapper) {
			this.mapper = Objects.requireNonNull(mapper, "mapper");
			return this;
		}

		/**
		 * Set how long connections and expectations wait.
		 * @param timeout 10 seconds by default
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = Objects.requireNonNull(timeout, "timeout");
			return this;
		}

		/**
		 * Build the client.
		 * @return the client
		 */
		public SocketIoTestClient build() {
			if (this.uri == null) {
				throw new IllegalStateException("No server URI: call uri(\"http://localhost:8080\") first");
			}
			return new SocketIoTestClient(this);
		}

	}

}
