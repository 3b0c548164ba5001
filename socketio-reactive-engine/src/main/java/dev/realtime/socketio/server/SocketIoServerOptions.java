package dev.realtime.socketio.server;

import java.time.Duration;
import java.util.Objects;

import dev.realtime.socketio.engine.EngineIoOptions;
import dev.realtime.socketio.protocol.SocketIoParserLimits;
import dev.realtime.socketio.protocol.SocketIoParserType;
import dev.realtime.socketio.server.adapter.InMemoryAdapter;
import dev.realtime.socketio.server.adapter.SocketIoAdapterFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Immutable settings of a {@link SocketIoServer}. Defaults match the Node.js reference
 * server.
 *
 * @since 0.1.0
 */
public final class SocketIoServerOptions {

	private final EngineIoOptions engine;

	private final Duration connectTimeout;

	private final SocketIoParserLimits parserLimits;

	private final SocketIoParserType parser;

	private final SocketIoAdapterFactory adapterFactory;

	private final boolean cleanupEmptyChildNamespaces;

	private final JsonMapper jsonMapper;

	private final boolean serveClient;

	private final EventRateLimits eventRateLimits;

	private final @Nullable ConnectionStateRecoveryOptions connectionStateRecovery;

	private SocketIoServerOptions(Builder builder) {
		this.engine = Objects.requireNonNull(builder.engine, "engine");
		Objects.requireNonNull(builder.connectTimeout, "connectTimeout");
		if (builder.connectTimeout.isNegative() || builder.connectTimeout.isZero()) {
			throw new IllegalArgumentException("connectTimeout must be positive, was " + builder.connectTimeout);
		}
		this.connectTimeout = builder.connectTimeout;
		this.parserLimits = Objects.requireNonNull(builder.parserLimits, "parserLimits");
		this.parser = Objects.requireNonNull(builder.parser, "parser");
		this.adapterFactory = Objects.requireNonNull(builder.adapterFactory, "adapterFactory");
		this.cleanupEmptyChildNamespaces = builder.cleanupEmptyChildNamespaces;
		this.jsonMapper = Objects.requireNonNull(builder.jsonMapper, "jsonMapper");
		this.serveClient = builder.serveClient;
		this.eventRateLimits = Objects.requireNonNull(builder.eventRateLimits, "eventRateLimits");
		this.connectionStateRecovery = builder.connectionStateRecovery;
	}

	/**
	 * Start a builder with the defaults (Engine.IO path {@code /socket.io/}).
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the defaults.
	 * @return the default options
	 */
	public static SocketIoServerOptions defaults() {
		return builder().build();
	}

	/**
	 * Return the Engine.IO settings.
	 * @return the engine options
	 */
	public EngineIoOptions engine() {
		return this.engine;
	}

	/**
	 * Return how long a new connection may take to join a namespace (default 45 s).
	 * @return the connect timeout
	 */
	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Return the decoder limits.
	 * @return the parser limits
	 */
	public SocketIoParserLimits parserLimits() {
		return this.parserLimits;
	}

	/**
	 * Return the wire format of Socket.IO packets, for every client of the server.
	 * @return the parser, {@link SocketIoParserType#DEFAULT} by default
	 */
	public SocketIoParserType parser() {
		return this.parser;
	}

	/**
	 * Return the factory of namespace adapters (default in-memory).
	 * @return the adapter factory
	 */
	public SocketIoAdapterFactory adapterFactory() {
		return this.adapterFactory;
	}

	/**
	 * Whether child namespaces of a dynamic namespace are removed once empty (default
	 * {@code false}).
	 * @return whether empty child namespaces are cleaned up
	 */
	public boolean cleanupEmptyChildNamespaces() {
		return this.cleanupEmptyChildNamespaces;
	}

	/**
	 * Return the JSON mapper used for event arguments.
	 * @return the mapper
	 */
	public JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	/**
	 * Whether the browser client bundle is served under the path when it is on the
	 * classpath (default {@code true}, as in the Node server).
	 * @return whether the client bundle is served
	 */
	public boolean serveClient() {
		return this.serveClient;
	}

	/**
	 * Return the limits on events clients send (off by default).
	 * @return the event rate limits
	 */
	public EventRateLimits eventRateLimits() {
		return this.eventRateLimits;
	}

	/**
	 * Return the connection state recovery settings, or {@code null} when recovery is off
	 * (the default).
	 * @return the recovery settings, or {@code null}
	 */
	public @Nullable ConnectionStateRecoveryOptions connectionStateRecovery() {
		return this.connectionStateRecovery;
	}

	/**
	 * Builds {@link SocketIoServerOptions}.
	 */
	public static final class Builder {

		private EngineIoOptions engine = EngineIoOptions.builder().path("/socket.io/").build();

		private Duration connectTimeout = Duration.ofSeconds(45);

		private SocketIoParserLimits parserLimits = SocketIoParserLimits.defaults();

		private SocketIoParserType parser = SocketIoParserType.DEFAULT;

		private SocketIoAdapterFactory adapterFactory = InMemoryAdapter::new;

		private boolean cleanupEmptyChildNamespaces;

		private JsonMapper jsonMapper = JsonMapper.shared();

		private boolean serveClient = true;

		private EventRateLimits eventRateLimits = EventRateLimits.none();

		private @Nullable ConnectionStateRecoveryOptions connectionStateRecovery;

		private Builder() {
		}

		/**
		 * Turn connection state recovery on with the given settings, or off with
		 * {@code null}. When on, the CONNECT acknowledgement carries a private session id
		 * and every event without ack id and not volatile carries an offset as its last
		 * argument.
		 * @param connectionStateRecovery the settings, or {@code null} to turn it off
		 * @return this builder
		 */
		public Builder connectionStateRecovery(@Nullable ConnectionStateRecoveryOptions connectionStateRecovery) {
			this.connectionStateRecovery = connectionStateRecovery;
			return this;
		}

		/**
		 * Set the limits on events clients send.
		 * @param eventRateLimits the limits
		 * @return this builder
		 */
		public Builder eventRateLimits(EventRateLimits eventRateLimits) {
			this.eventRateLimits = eventRateLimits;
			return this;
		}

		/**
		 * Serve the browser client bundle, or not.
		 * @param serveClient whether to serve it
		 * @return this builder
		 */
		public Builder serveClient(boolean serveClient) {
			this.serveClient = serveClient;
			return this;
		}

		/**
		 * Set the Engine.IO settings.
		 * @param engine the engine options
		 * @return this builder
		 */
		public Builder engine(EngineIoOptions engine) {
			this.engine = engine;
			return this;
		}

		/**
		 * Set the connect timeout.
		 * @param connectTimeout the timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Set the decoder limits.
		 * @param parserLimits the limits
		 * @return this builder
		 */
		public Builder parserLimits(SocketIoParserLimits parserLimits) {
			this.parserLimits = parserLimits;
			return this;
		}

		/**
		 * Set the wire format of Socket.IO packets. Every client must use the same parser
		 * ({@code socket.io-msgpack-parser} for {@link SocketIoParserType#MSGPACK}).
		 * @param parser the parser
		 * @return this builder
		 */
		public Builder parser(SocketIoParserType parser) {
			this.parser = parser;
			return this;
		}

		/**
		 * Set the adapter factory.
		 * @param adapterFactory the factory
		 * @return this builder
		 */
		public Builder adapterFactory(SocketIoAdapterFactory adapterFactory) {
			this.adapterFactory = adapterFactory;
			return this;
		}

		/**
		 * Remove child namespaces once their last socket left.
		 * @param cleanup whether to remove them
		 * @return this builder
		 */
		public Builder cleanupEmptyChildNamespaces(boolean cleanup) {
			this.cleanupEmptyChildNamespaces = cleanup;
			return this;
		}

		/**
		 * Set the JSON mapper.
		 * @param jsonMapper the mapper
		 * @return this builder
		 */
		public Builder jsonMapper(JsonMapper jsonMapper) {
			this.jsonMapper = jsonMapper;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public SocketIoServerOptions build() {
			return new SocketIoServerOptions(this);
		}

	}

}
