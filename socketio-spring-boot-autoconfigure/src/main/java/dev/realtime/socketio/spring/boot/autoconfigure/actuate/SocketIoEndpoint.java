package dev.realtime.socketio.spring.boot.autoconfigure.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import dev.realtime.socketio.engine.EngineIoCorsOptions;
import dev.realtime.socketio.engine.EngineIoOptions;
import dev.realtime.socketio.engine.EngineIoTransport;
import dev.realtime.socketio.protocol.SocketIoParserLimits;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerOptions;
import dev.realtime.socketio.server.adapter.InMemoryAdapter;
import dev.realtime.socketio.server.adapter.SocketIoAdapterFactory;

/**
 * {@link Endpoint @Endpoint} that describes a {@link SocketIoServer} (read-only): its
 * namespaces with their sockets and rooms on this node, its Engine.IO sessions per
 * transport, and its effective configuration. The rooms every socket has of its own id
 * are left out; no secret is part of the configuration.
 *
 * @since 0.1.0
 */
@Endpoint(id = "socketio")
public class SocketIoEndpoint {

	private final SocketIoServer server;

	/**
	 * Create an endpoint.
	 * @param server the server
	 */
	public SocketIoEndpoint(SocketIoServer server) {
		this.server = Objects.requireNonNull(server, "server");
	}

	/**
	 * Describe the server.
	 * @return the description
	 */
	@ReadOperation
	public SocketIoDescriptor socketIo() {
		List<NamespaceDescriptor> namespaces = new ArrayList<>();
		for (Namespace namespace : this.server.namespaces()) {
			namespaces.add(describe(namespace));
		}
		namespaces.sort(Comparator.comparing(NamespaceDescriptor::name));
		Map<String, Integer> transports = new LinkedHashMap<>();
		for (EngineIoTransport transport : EngineIoTransport.values()) {
			transports.put(transport.wireName(), this.server.engine().sessionCount(transport));
		}
		return new SocketIoDescriptor(!this.server.engine().isShuttingDown(),
				new SessionsDescriptor(this.server.engine().sessionCount(), transports), namespaces,
				ConfigurationDescriptor.of(this.server.options()));
	}

	private static NamespaceDescriptor describe(Namespace namespace) {
		List<RoomDescriptor> rooms = new ArrayList<>();
		for (Map.Entry<String, Collection<String>> room : namespace.rooms().entrySet()) {
			if (namespace.socket(room.getKey()) == null) {
				rooms.add(new RoomDescriptor(room.getKey(), room.getValue().size()));
			}
		}
		rooms.sort(Comparator.comparing(RoomDescriptor::name));
		return new NamespaceDescriptor(namespace.name(), namespace.sockets().size(), rooms);
	}

	/**
	 * Description of a Socket.IO server.
	 *
	 * @param running whether the server accepts connections (it was not closed)
	 * @param sessions the Engine.IO sessions
	 * @param namespaces the namespaces, by name
	 * @param configuration the effective configuration
	 * @since 0.1.0
	 */
	public record SocketIoDescriptor(boolean running, SessionsDescriptor sessions, List<NamespaceDescriptor> namespaces,
			ConfigurationDescriptor configuration) implements OperationResponseBody {
	}

	/**
	 * The Engine.IO sessions of the server.
	 *
	 * @param total the open sessions
	 * @param transports the open sessions per transport
	 * @since 0.1.0
	 */
	public record SessionsDescriptor(int total, Map<String, Integer> transports) {
	}

	/**
	 * A namespace on this node.
	 *
	 * @param name the name
	 * @param sockets the connected sockets
	 * @param rooms the rooms with their sizes, without the rooms of socket ids
	 * @since 0.1.0
	 */
	public record NamespaceDescriptor(String name, int sockets, List<RoomDescriptor> rooms) {
	}

	/**
	 * A room on this node.
	 *
	 * @param name the name
	 * @param size the sockets in it on this node
	 * @since 0.1.0
	 */
	public record RoomDescriptor(String name, int size) {
	}

	/**
	 * The effective configuration of the server.
	 *
	 * @param path the path the server is mounted on
	 * @param transports the allowed transports
	 * @param allowUpgrades whether polling sessions may upgrade to WebSocket
	 * @param pingInterval the interval between pings
	 * @param pingTimeout how long to wait for a pong
	 * @param upgradeTimeout how long an upgrade may take
	 * @param connectTimeout how long a session may stay without a namespace
	 * @param maxHttpBufferSize the largest message or polling body, in bytes
	 * @param maxPayloadPackets the most packets in one polling payload
	 * @param maxBufferedBytes the per-session outbound buffer limit, in bytes
	 * @param maxBufferedPackets the per-session outbound packet limit
	 * @param perMessageDeflate whether WebSocket compression is on
	 * @param httpCompression whether polling responses are compressed
	 * @param cookie the name of the sticky-session cookie, or {@code null}
	 * @param cors the CORS configuration, or {@code null} when CORS is off
	 * @param limits the connection limits
	 * @param parser the parser limits
	 * @param adapter the adapter: the class of its factory, or the class of the adapter
	 * for the default in-memory one ({@code InMemoryAdapter}) and of the class that
	 * declares a lambda factory
	 * @param cleanupEmptyChildNamespaces whether empty children of dynamic namespaces are
	 * removed
	 * @param serveClient whether the client bundle is served
	 * @since 0.1.0
	 */
	public record ConfigurationDescriptor(String path, List<String> transports, boolean allowUpgrades,
			Duration pingInterval, Duration pingTimeout, Duration upgradeTimeout, Duration connectTimeout,
			int maxHttpBufferSize, int maxPayloadPackets, long maxBufferedBytes, int maxBufferedPackets,
			boolean perMessageDeflate, boolean httpCompression, @Nullable String cookie, @Nullable CorsDescriptor cors,
			Map<String, Object> limits, Map<String, Integer> parser, String adapter,
			boolean cleanupEmptyChildNamespaces, boolean serveClient) {

		private static final Class<?> DEFAULT_ADAPTER_FACTORY = SocketIoServerOptions.builder()
			.build()
			.adapterFactory()
			.getClass();

		static String adapterName(SocketIoAdapterFactory factory) {
			Class<?> type = factory.getClass();
			if (type == DEFAULT_ADAPTER_FACTORY) {
				return InMemoryAdapter.class.getName();
			}
			String name = type.getName();
			int lambda = name.indexOf("$$Lambda");
			return (lambda >= 0) ? name.substring(0, lambda) + " (lambda)" : name;
		}

		static ConfigurationDescriptor of(SocketIoServerOptions options) {
			EngineIoOptions engine = options.engine();
			List<String> transports = engine.transports().stream().map(EngineIoTransport::wireName).toList();
			EngineIoCorsOptions cors = engine.cors();
			Map<String, Object> limits = new LinkedHashMap<>();
			limits.put("maxSessions", engine.limits().maxSessions());
			limits.put("maxSessionsPerAddress", engine.limits().maxSessionsPerAddress());
			limits.put("handshakesPerSecond", engine.limits().handshakesPerSecond());
			limits.put("handshakeBurst", engine.limits().handshakeBurst());
			limits.put("trustedProxies", engine.limits().trustedProxies());
			SocketIoParserLimits parserLimits = options.parserLimits();
			Map<String, Integer> parser = new LinkedHashMap<>();
			parser.put("maxAttachments", parserLimits.maxAttachments());
			parser.put("maxNestingDepth", parserLimits.maxNestingDepth());
			parser.put("maxEventNameLength", parserLimits.maxEventNameLength());
			return new ConfigurationDescriptor(engine.path(), transports, engine.allowUpgrades(), engine.pingInterval(),
					engine.pingTimeout(), engine.upgradeTimeout(), options.connectTimeout(), engine.maxHttpBufferSize(),
					engine.maxPayloadPackets(), engine.maxBufferedBytes(), engine.maxBufferedPackets(),
					engine.perMessageDeflate(), engine.httpCompression(),
					(engine.cookie() != null) ? engine.cookie().name() : null,
					(cors != null) ? CorsDescriptor.of(cors) : null, limits, parser,
					adapterName(options.adapterFactory()), options.cleanupEmptyChildNamespaces(),
					options.serveClient());
		}

	}

	/**
	 * The CORS configuration.
	 *
	 * @param allowedOrigins the allowed origins
	 * @param allowedOriginPatterns the allowed origin patterns
	 * @param allowedMethods the allowed methods
	 * @param allowedHeaders the allowed headers
	 * @param allowCredentials whether credentials are allowed
	 * @param maxAge how long a preflight answer may be cached, or {@code null}
	 * @since 0.1.0
	 */
	public record CorsDescriptor(List<String> allowedOrigins, List<String> allowedOriginPatterns,
			List<String> allowedMethods, List<String> allowedHeaders, boolean allowCredentials,
			@Nullable Duration maxAge) {

		static CorsDescriptor of(EngineIoCorsOptions cors) {
			return new CorsDescriptor(cors.allowedOrigins(), cors.allowedOriginPatterns(), cors.allowedMethods(),
					cors.allowedHeaders(), cors.allowCredentials(), cors.maxAge());
		}

	}

}
