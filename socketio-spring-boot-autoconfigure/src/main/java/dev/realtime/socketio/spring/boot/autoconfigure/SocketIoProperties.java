package dev.realtime.socketio.spring.boot.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;

import dev.realtime.socketio.engine.EngineIoTransport;
import dev.realtime.socketio.protocol.SocketIoParserType;

/**
 * Configuration properties of the Socket.IO server. Defaults match the Node.js reference
 * server, so clients behave the same when a team moves from Node.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("socketio")
public class SocketIoProperties {

	/**
	 * Whether to auto-configure the Socket.IO server.
	 */
	private boolean enabled = true;

	/**
	 * Path the Engine.IO endpoint is mounted on. Clients connect to this path.
	 */
	private String path = "/socket.io/";

	/**
	 * Interval between server PING packets, advertised to clients in the handshake.
	 */
	private Duration pingInterval = Duration.ofSeconds(25);

	/**
	 * How long the server waits for a PONG after a PING before it closes the connection.
	 */
	private Duration pingTimeout = Duration.ofSeconds(20);

	/**
	 * How long a new connection may take to join a namespace before it is closed.
	 */
	private Duration connectTimeout = Duration.ofSeconds(45);

	/**
	 * How long an upgrade from HTTP long-polling to WebSocket may take.
	 */
	private Duration upgradeTimeout = Duration.ofSeconds(10);

	/**
	 * Largest HTTP long-polling body or WebSocket message accepted, advertised to clients
	 * as 'maxPayload'. The default is the Node server's 1e6 bytes.
	 */
	private DataSize maxHttpBufferSize = DataSize.ofBytes(1_000_000);

	/**
	 * Most packets accepted in one HTTP long-polling body.
	 */
	private int maxPayloadPackets = 1000;

	/**
	 * Transports clients may use.
	 */
	private List<EngineIoTransport> transports = new ArrayList<>(
			List.of(EngineIoTransport.POLLING, EngineIoTransport.WEBSOCKET));

	/**
	 * Whether HTTP long-polling connections may upgrade to WebSocket.
	 */
	private boolean allowUpgrades = true;

	/**
	 * Whether Socket.IO 2.x clients (Engine.IO v3) are accepted beside 3.x and later
	 * ones, as the Node.js server's "allowEIO3". When off, their handshakes are refused
	 * with HTTP 400 and code 5 ("Unsupported protocol version").
	 */
	private boolean allowEio3 = false;

	/**
	 * Whether WebSocket per-message deflate is negotiated with clients.
	 */
	private boolean perMessageDeflate = false;

	/**
	 * Message sent to every client right after the Engine.IO open packet.
	 */
	private @Nullable String initialPacket;

	/**
	 * Whether child namespaces of a dynamic namespace are removed once their last socket
	 * left.
	 */
	private boolean cleanupEmptyChildNamespaces = false;

	/**
	 * Whether the browser client is served under the path ("socket.io.js",
	 * "socket.io.min.js", "socket.io.esm.min.js" and their source maps), from the
	 * socketio-client-dist jar the starter brings.
	 */
	private boolean serveClient = true;

	private final HttpCompression httpCompression = new HttpCompression();

	private final Cookie cookie = new Cookie();

	private final Cors cors = new Cors();

	private final Server server = new Server();

	private final Handler handler = new Handler();

	private final Parser parser = new Parser();

	private final Auth auth = new Auth();

	private final Limits limits = new Limits();

	private final ConnectionStateRecovery connectionStateRecovery = new ConnectionStateRecovery();

	public Limits getLimits() {
		return this.limits;
	}

	public ConnectionStateRecovery getConnectionStateRecovery() {
		return this.connectionStateRecovery;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public Duration getPingInterval() {
		return this.pingInterval;
	}

	public void setPingInterval(Duration pingInterval) {
		this.pingInterval = pingInterval;
	}

	public Duration getPingTimeout() {
		return this.pingTimeout;
	}

	public void setPingTimeout(Duration pingTimeout) {
		this.pingTimeout = pingTimeout;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getUpgradeTimeout() {
		return this.upgradeTimeout;
	}

	public void setUpgradeTimeout(Duration upgradeTimeout) {
		this.upgradeTimeout = upgradeTimeout;
	}

	public DataSize getMaxHttpBufferSize() {
		return this.maxHttpBufferSize;
	}

	public void setMaxHttpBufferSize(DataSize maxHttpBufferSize) {
		this.maxHttpBufferSize = maxHttpBufferSize;
	}

	public int getMaxPayloadPackets() {
		return this.maxPayloadPackets;
	}

	public void setMaxPayloadPackets(int maxPayloadPackets) {
		this.maxPayloadPackets = maxPayloadPackets;
	}

	public List<EngineIoTransport> getTransports() {
		return this.transports;
	}

	public void setTransports(List<EngineIoTransport> transports) {
		this.transports = transports;
	}

	public boolean isAllowUpgrades() {
		return this.allowUpgrades;
	}

	public void setAllowUpgrades(boolean allowUpgrades) {
		this.allowUpgrades = allowUpgrades;
	}

	public boolean isAllowEio3() {
		return this.allowEio3;
	}

	public void setAllowEio3(boolean allowEio3) {
		this.allowEio3 = allowEio3;
	}

	public boolean isPerMessageDeflate() {
		return this.perMessageDeflate;
	}

	public void setPerMessageDeflate(boolean perMessageDeflate) {
		this.perMessageDeflate = perMessageDeflate;
	}

	public @Nullable String getInitialPacket() {
		return this.initialPacket;
	}

	public void setInitialPacket(@Nullable String initialPacket) {
		this.initialPacket = initialPacket;
	}

	public boolean isCleanupEmptyChildNamespaces() {
		return this.cleanupEmptyChildNamespaces;
	}

	public void setCleanupEmptyChildNamespaces(boolean cleanupEmptyChildNamespaces) {
		this.cleanupEmptyChildNamespaces = cleanupEmptyChildNamespaces;
	}

	public boolean isServeClient() {
		return this.serveClient;
	}

	public void setServeClient(boolean serveClient) {
		this.serveClient = serveClient;
	}

	public HttpCompression getHttpCompression() {
		return this.httpCompression;
	}

	public Cookie getCookie() {
		return this.cookie;
	}

	public Cors getCors() {
		return this.cors;
	}

	public Server getServer() {
		return this.server;
	}

	public Handler getHandler() {
		return this.handler;
	}

	public Parser getParser() {
		return this.parser;
	}

	public Auth getAuth() {
		return this.auth;
	}

	/**
	 * Compression of HTTP long-polling responses.
	 */
	public static class HttpCompression {

		/**
		 * Whether HTTP long-polling responses are compressed when the client accepts it.
		 */
		private boolean enabled = false;

		/**
		 * Smallest HTTP long-polling response that is compressed.
		 */
		private DataSize threshold = DataSize.ofKilobytes(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public DataSize getThreshold() {
			return this.threshold;
		}

		public void setThreshold(DataSize threshold) {
			this.threshold = threshold;
		}

	}

	/**
	 * The sticky-session cookie, holding the session id so that a load balancer can route
	 * a polling client's requests to the same node.
	 */
	public static class Cookie {

		/**
		 * Whether the handshake response sets the sticky-session cookie.
		 */
		private boolean enabled = false;

		/**
		 * Name of the cookie.
		 */
		private String name = "io";

		/**
		 * Path of the cookie.
		 */
		private String path = "/";

		/**
		 * Whether the cookie is hidden from scripts.
		 */
		private boolean httpOnly = true;

		/**
		 * SameSite attribute of the cookie.
		 */
		private SameSite sameSite = SameSite.LAX;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public boolean isHttpOnly() {
			return this.httpOnly;
		}

		public void setHttpOnly(boolean httpOnly) {
			this.httpOnly = httpOnly;
		}

		public SameSite getSameSite() {
			return this.sameSite;
		}

		public void setSameSite(SameSite sameSite) {
			this.sameSite = sameSite;
		}

		/**
		 * Values of the cookie's SameSite attribute.
		 */
		public enum SameSite {

			/**
			 * Send the cookie with cross-site requests too.
			 */
			NONE("None"),

			/**
			 * Send the cookie with same-site requests and top-level navigations.
			 */
			LAX("Lax"),

			/**
			 * Send the cookie with same-site requests only.
			 */
			STRICT("Strict"),

			/**
			 * Omit the attribute, leaving the browser's default.
			 */
			OMITTED(null);

			private final @Nullable String attributeValue;

			SameSite(@Nullable String attributeValue) {
				this.attributeValue = attributeValue;
			}

			/**
			 * Return the value written in the {@code Set-Cookie} header.
			 * @return the attribute value, or {@code null} to omit the attribute
			 */
			public @Nullable String attributeValue() {
				return this.attributeValue;
			}

		}

	}

	/**
	 * Cross-origin settings, enforced by the engine since WebFlux filters never see
	 * Socket.IO traffic. CORS is off unless allowed origins or origin patterns are set.
	 */
	public static class Cors {

		/**
		 * Origins allowed to connect, as browsers send them (scheme://host[:port], such
		 * as 'https://app.example.com'), or '*' for any. A handshake or WebSocket upgrade
		 * from another origin is refused.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		/**
		 * Origin patterns allowed to connect, as Spring's allowedOriginPatterns: '*'
		 * matches any run of characters and a port may be a list or '[*]', such as
		 * 'https://*.example.com' or 'http://localhost:[*]'.
		 */
		private List<String> allowedOriginPatterns = new ArrayList<>();

		/**
		 * Methods announced in preflight responses.
		 */
		private List<String> allowedMethods = new ArrayList<>(List.of("GET", "HEAD", "PUT", "PATCH", "POST", "DELETE"));

		/**
		 * Request headers allowed in preflight responses. Empty echoes the headers the
		 * browser asked for.
		 */
		private List<String> allowedHeaders = new ArrayList<>();

		/**
		 * Whether credentials (cookies) are allowed; the origin is then echoed, never
		 * '*'.
		 */
		private boolean allowCredentials = false;

		/**
		 * How long browsers may cache a preflight response. If a duration suffix is not
		 * specified, seconds are used. Unset sends no max age.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration maxAge;

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		public List<String> getAllowedOriginPatterns() {
			return this.allowedOriginPatterns;
		}

		public void setAllowedOriginPatterns(List<String> allowedOriginPatterns) {
			this.allowedOriginPatterns = allowedOriginPatterns;
		}

		public List<String> getAllowedMethods() {
			return this.allowedMethods;
		}

		public void setAllowedMethods(List<String> allowedMethods) {
			this.allowedMethods = allowedMethods;
		}

		public List<String> getAllowedHeaders() {
			return this.allowedHeaders;
		}

		public void setAllowedHeaders(List<String> allowedHeaders) {
			this.allowedHeaders = allowedHeaders;
		}

		public boolean isAllowCredentials() {
			return this.allowCredentials;
		}

		public void setAllowCredentials(boolean allowCredentials) {
			this.allowCredentials = allowCredentials;
		}

		public @Nullable Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(@Nullable Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

	/**
	 * A standalone Socket.IO server, separate from the web server.
	 */
	public static class Server {

		/**
		 * Port of a standalone Socket.IO server, 0 for a random one. When set, or when
		 * the application is not a reactive web application, Socket.IO runs on its own
		 * Reactor Netty server (on port 3000 when unset); otherwise it shares the WebFlux
		 * server's port.
		 */
		private @Nullable Integer port;

		/**
		 * Network address the standalone server binds to. Unset binds every address.
		 */
		private @Nullable InetAddress address;

		/**
		 * Event loop threads of the server that carries Socket.IO: the WebFlux server
		 * when the port is shared, else the standalone one. Unset: one per available
		 * processor (Reactor Netty's own default starts at least 4, which costs a thread
		 * wake-up per hop on a machine with fewer cores), or Reactor Netty's own loops
		 * when the reactor.netty.ioWorkerCount system property is set.
		 */
		private @Nullable Integer eventLoops;

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		public @Nullable InetAddress getAddress() {
			return this.address;
		}

		public void setAddress(@Nullable InetAddress address) {
			this.address = address;
		}

		public @Nullable Integer getEventLoops() {
			return this.eventLoops;
		}

		public void setEventLoops(@Nullable Integer eventLoops) {
			this.eventLoops = eventLoops;
		}

	}

	/**
	 * How annotated handler methods are invoked.
	 */
	public static class Handler {

		/**
		 * Where handler methods that return a plain value or void run. By default on the
		 * connection's event loop, as WebFlux runs its controllers and the Node server
		 * its listeners: such a handler must not block. Handlers that block (JDBC, JPA,
		 * blocking HTTP clients) need bounded-elastic or virtual-threads, which run them
		 * off the event loop in per-socket order. Handler methods that return a reactive
		 * type always run on the event loop.
		 */
		private Execution execution = Execution.EVENT_LOOP;

		/**
		 * Whether the ack reply of an event whose handler failed with an exception no
		 * exception handler took carries the exception's message. Off by default: such a
		 * message may reveal internals, and the client gets {"error":"internal error",
		 * "message":"event 'x' could not be handled"}. Invalid payloads get a message
		 * that names the argument, never a class or a parser message.
		 */
		private boolean includeExceptionMessage;

		public Execution getExecution() {
			return this.execution;
		}

		public void setExecution(Execution execution) {
			this.execution = execution;
		}

		public boolean isIncludeExceptionMessage() {
			return this.includeExceptionMessage;
		}

		public void setIncludeExceptionMessage(boolean includeExceptionMessage) {
			this.includeExceptionMessage = includeExceptionMessage;
		}

		/**
		 * Where blocking handler methods run.
		 */
		public enum Execution {

			/**
			 * Reactor's bounded-elastic scheduler.
			 */
			BOUNDED_ELASTIC,

			/**
			 * A virtual thread per invocation (Java 21 or later).
			 */
			VIRTUAL_THREADS,

			/**
			 * The connection's event loop. Handlers must never block.
			 */
			EVENT_LOOP

		}

	}

	/**
	 * Limits that protect the server from slow or abusive clients. The outbound buffer
	 * limits are on by default; the connection limits are off (0) because a shared
	 * address (NAT, proxy) can carry many legitimate clients.
	 */
	public static class Limits {

		/**
		 * Most data a session may hold for a client that does not read; past it the
		 * session is closed with the reason 'buffer overflow'.
		 */
		private DataSize maxBufferedBytes = DataSize.ofMegabytes(16);

		/**
		 * Most packets a long-polling session may hold between two polls.
		 */
		private int maxBufferedPackets = 10_000;

		/**
		 * Most data all WebSocket sessions together may hold for clients that do not read
		 * (direct memory: one copy per recipient). Past it the sessions whose clients
		 * left the most unread are closed with 'buffer overflow' and their connections
		 * dropped. Sessions holding less than 64 KB are not counted.
		 */
		private DataSize maxTotalBufferedBytes = DataSize.ofMegabytes(128);

		/**
		 * How long a WebSocket the server closes may take to read what is still buffered
		 * for it and the close frame before its connection is dropped.
		 */
		private Duration closeTimeout = Duration.ofSeconds(5);

		/**
		 * Most time from the first byte of an HTTP request to the end of its headers;
		 * past it the request gets HTTP 408 and its connection is closed; 0 for none.
		 * When Socket.IO shares the application's port, this applies to every request on
		 * that port.
		 */
		private Duration requestHeadersTimeout = Duration.ofSeconds(30);

		/**
		 * Most time from the end of a Socket.IO request's headers to the end of its body
		 * (a polling POST); past it the request gets HTTP 408 and its connection is
		 * closed; 0 for none. Long-polls and WebSockets are not timed.
		 */
		private Duration requestBodyTimeout = Duration.ofSeconds(60);

		/**
		 * Most open sessions in total; 0 for no limit. Handshakes past it get HTTP 503.
		 */
		private int maxSessions = 0;

		/**
		 * Most open sessions per client address; 0 for no limit. Handshakes past it get
		 * HTTP 429.
		 */
		private int maxSessionsPerAddress = 0;

		/**
		 * Handshakes per second per client address; 0 for no limit. Handshakes past it
		 * get HTTP 429.
		 */
		private double handshakesPerSecond = 0;

		/**
		 * Handshakes a client address may make at once before the rate applies.
		 */
		private int handshakeBurst = 10;

		/**
		 * Addresses or CIDR ranges of reverse proxies whose X-Forwarded-For and Forwarded
		 * headers are trusted for the client address.
		 */
		private List<String> trustedProxies = new ArrayList<>();

		private final Events events = new Events();

		public Events getEvents() {
			return this.events;
		}

		public DataSize getMaxBufferedBytes() {
			return this.maxBufferedBytes;
		}

		public void setMaxBufferedBytes(DataSize maxBufferedBytes) {
			this.maxBufferedBytes = maxBufferedBytes;
		}

		public int getMaxBufferedPackets() {
			return this.maxBufferedPackets;
		}

		public void setMaxBufferedPackets(int maxBufferedPackets) {
			this.maxBufferedPackets = maxBufferedPackets;
		}

		public DataSize getMaxTotalBufferedBytes() {
			return this.maxTotalBufferedBytes;
		}

		public void setMaxTotalBufferedBytes(DataSize maxTotalBufferedBytes) {
			this.maxTotalBufferedBytes = maxTotalBufferedBytes;
		}

		public Duration getCloseTimeout() {
			return this.closeTimeout;
		}

		public void setCloseTimeout(Duration closeTimeout) {
			this.closeTimeout = closeTimeout;
		}

		public Duration getRequestHeadersTimeout() {
			return this.requestHeadersTimeout;
		}

		public void setRequestHeadersTimeout(Duration requestHeadersTimeout) {
			this.requestHeadersTimeout = requestHeadersTimeout;
		}

		public Duration getRequestBodyTimeout() {
			return this.requestBodyTimeout;
		}

		public void setRequestBodyTimeout(Duration requestBodyTimeout) {
			this.requestBodyTimeout = requestBodyTimeout;
		}

		public int getMaxSessions() {
			return this.maxSessions;
		}

		public void setMaxSessions(int maxSessions) {
			this.maxSessions = maxSessions;
		}

		public int getMaxSessionsPerAddress() {
			return this.maxSessionsPerAddress;
		}

		public void setMaxSessionsPerAddress(int maxSessionsPerAddress) {
			this.maxSessionsPerAddress = maxSessionsPerAddress;
		}

		public double getHandshakesPerSecond() {
			return this.handshakesPerSecond;
		}

		public void setHandshakesPerSecond(double handshakesPerSecond) {
			this.handshakesPerSecond = handshakesPerSecond;
		}

		public int getHandshakeBurst() {
			return this.handshakeBurst;
		}

		public void setHandshakeBurst(int handshakeBurst) {
			this.handshakeBurst = handshakeBurst;
		}

		public List<String> getTrustedProxies() {
			return this.trustedProxies;
		}

		public void setTrustedProxies(List<String> trustedProxies) {
			this.trustedProxies = trustedProxies;
		}

		/**
		 * Token-bucket limits on the events each socket may send. An event over its limit
		 * is dropped and an ack, if asked for, gets {"error":"rate limit exceeded"}.
		 */
		public static class Events {

			/**
			 * Events per second each socket may send; 0 turns the limit off.
			 */
			private double rate = 0;

			/**
			 * Events a socket may send at once before the rate applies.
			 */
			private int burst = 20;

			/**
			 * Dropped events in a row after which the connection is closed; 0 never
			 * closes it.
			 */
			private int maxViolations = 50;

			/**
			 * Limits for one namespace (replacing the default) or one event of a
			 * namespace (applied on top).
			 */
			private List<Rule> overrides = new ArrayList<>();

			public double getRate() {
				return this.rate;
			}

			public void setRate(double rate) {
				this.rate = rate;
			}

			public int getBurst() {
				return this.burst;
			}

			public void setBurst(int burst) {
				this.burst = burst;
			}

			public int getMaxViolations() {
				return this.maxViolations;
			}

			public void setMaxViolations(int maxViolations) {
				this.maxViolations = maxViolations;
			}

			public List<Rule> getOverrides() {
				return this.overrides;
			}

			public void setOverrides(List<Rule> overrides) {
				this.overrides = overrides;
			}

			/**
			 * A limit for a namespace, or for one event of it.
			 */
			public static class Rule {

				/**
				 * The namespace, such as /chat.
				 */
				private String namespace = "/";

				/**
				 * The event name; empty for the whole namespace.
				 */
				private @Nullable String event;

				/**
				 * Events per second.
				 */
				private double rate;

				/**
				 * Events at once.
				 */
				private int burst = 1;

				public String getNamespace() {
					return this.namespace;
				}

				public void setNamespace(String namespace) {
					this.namespace = namespace;
				}

				public @Nullable String getEvent() {
					return this.event;
				}

				public void setEvent(@Nullable String event) {
					this.event = event;
				}

				public double getRate() {
					return this.rate;
				}

				public void setRate(double rate) {
					this.rate = rate;
				}

				public int getBurst() {
					return this.burst;
				}

				public void setBurst(int burst) {
					this.burst = burst;
				}

			}

		}

	}

	/**
	 * The wire format of Socket.IO packets and the limits its decoder enforces on
	 * incoming packets.
	 */
	public static class Parser {

		/**
		 * Wire format of Socket.IO packets, for every client of the server: "default"
		 * (socket.io-parser, text) or "msgpack" (socket.io-msgpack-parser 3.x, binary;
		 * clients must be built with that parser).
		 */
		private SocketIoParserType type = SocketIoParserType.DEFAULT;

		/**
		 * Most binary attachments of one packet; 0 refuses binary packets.
		 */
		private int maxAttachments = 10;

		/**
		 * Deepest nesting of a JSON payload, the outer array or object counting as one.
		 * The default is Jackson's own read limit.
		 */
		private int maxNestingDepth = 500;

		/**
		 * Longest event name accepted, in characters.
		 */
		private int maxEventNameLength = 256;

		public SocketIoParserType getType() {
			return this.type;
		}

		public void setType(SocketIoParserType type) {
			this.type = type;
		}

		public int getMaxAttachments() {
			return this.maxAttachments;
		}

		public void setMaxAttachments(int maxAttachments) {
			this.maxAttachments = maxAttachments;
		}

		public int getMaxNestingDepth() {
			return this.maxNestingDepth;
		}

		public void setMaxNestingDepth(int maxNestingDepth) {
			this.maxNestingDepth = maxNestingDepth;
		}

		public int getMaxEventNameLength() {
			return this.maxEventNameLength;
		}

		public void setMaxEventNameLength(int maxEventNameLength) {
			this.maxEventNameLength = maxEventNameLength;
		}

	}

	/**
	 * Authentication of namespace connections.
	 */
	public static class Auth {

		private final Bearer bearer = new Bearer();

		public Bearer getBearer() {
			return this.bearer;
		}

		/**
		 * Bearer-token authentication of the CONNECT auth payload with Spring Security.
		 */
		public static class Bearer {

			/**
			 * Whether to authenticate a bearer token from the CONNECT auth payload with
			 * the application's ReactiveAuthenticationManager or ReactiveJwtDecoder, for
			 * every namespace. Requires Spring Security's OAuth2 resource server support.
			 */
			private boolean enabled = false;

			/**
			 * Whether a connection without a token is refused. When false, such a
			 * connection is accepted without a principal.
			 */
			private boolean required = true;

			/**
			 * Key of the token in the CONNECT auth payload.
			 */
			private String tokenKey = "token";

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public boolean isRequired() {
				return this.required;
			}

			public void setRequired(boolean required) {
				this.required = required;
			}

			public String getTokenKey() {
				return this.tokenKey;
			}

			public void setTokenKey(String tokenKey) {
				this.tokenKey = tokenKey;
			}

		}

	}

	/**
	 * Connection state recovery: a client that lost its connection and comes back within
	 * the window gets its socket id, rooms, data and every event it missed.
	 */
	public static class ConnectionStateRecovery {

		/**
		 * Whether connection state recovery is on. The CONNECT acknowledgement then
		 * carries a private session id and every event without ack, not volatile, an
		 * offset as its last argument.
		 */
		private boolean enabled = false;

		/**
		 * How long the session of a disconnected client, and the events it may miss, are
		 * kept.
		 */
		private Duration maxDisconnectionDuration = Duration.ofMinutes(2);

		/**
		 * Whether connection middlewares (such as authorizers) are skipped when a session
		 * is recovered.
		 */
		private boolean skipMiddlewares = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getMaxDisconnectionDuration() {
			return this.maxDisconnectionDuration;
		}

		public void setMaxDisconnectionDuration(Duration maxDisconnectionDuration) {
			this.maxDisconnectionDuration = maxDisconnectionDuration;
		}

		public boolean isSkipMiddlewares() {
			return this.skipMiddlewares;
		}

		public void setSkipMiddlewares(boolean skipMiddlewares) {
			this.skipMiddlewares = skipMiddlewares;
		}

	}

}
