package dev.realtime.socketio.redis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.realtime.socketio.internal.ServerInternals;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.adapter.AdapterContext;
import dev.realtime.socketio.server.adapter.SocketIoAdapter;
import dev.realtime.socketio.server.adapter.SocketIoAdapterFactory;
import dev.realtime.socketio.server.adapter.SocketIoAdapterHealth;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates a {@link RedisStreamsAdapter} for each namespace of a server, all sharing the
 * Redis connections of the node: one to publish and append, one subscribed to the request
 * channels, and one per stream that reads it. Hand it to the server options and close it
 * after the server: <pre class="code">
 * RedisStreamsAdapterFactory redis = RedisStreamsAdapterFactory.create(RedisClient.create("redis://localhost:6379"));
 * SocketIoServer io = SocketIoServer.create(SocketIoServerOptions.builder().adapterFactory(redis).build());
 * </pre> The connections are opened when the factory is created, so a Redis that cannot
 * be reached at startup fails fast; after that, Lettuce reconnects by itself and the
 * readers go on from the last entry they read. On a Redis Cluster
 * ({@link #create(RedisClusterClient, RedisStreamsAdapterOptions)}) each stream lives on
 * the master of its slot.
 *
 * @since 0.1.0
 */
public final class RedisStreamsAdapterFactory implements SocketIoAdapterFactory, SocketIoAdapterHealth, AutoCloseable {

	private final RedisConnections connections;

	private final RedisStreamsAdapterOptions options;

	private final Map<String, RedisStreamsAdapter> adapters = new ConcurrentHashMap<>();

	private final List<RedisStreamReader> readers = new ArrayList<>();

	private RedisStreamsAdapterFactory(RedisConnections connections, RedisStreamsAdapterOptions options) {
		this.connections = connections;
		this.options = options;
		Set<String> streams = new LinkedHashSet<>();
		if (options.streamCount() == 1) {
			streams.add(options.streamName());
		}
		else {
			for (int i = 0; i < options.streamCount(); i++) {
				streams.add(options.streamName() + "-" + i);
			}
		}
		try {
			for (String stream : streams) {
				this.readers.add(new RedisStreamReader(connections, stream, options, this::dispatch));
			}
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/**
	 * Create a factory on a client that the caller owns, with the default options.
	 * @param client the Lettuce client
	 * @return the factory
	 */
	public static RedisStreamsAdapterFactory create(RedisClient client) {
		return create(client, RedisStreamsAdapterOptions.defaults());
	}

	/**
	 * Create a factory on a client that the caller owns (and shuts down after closing the
	 * factory). Configure the client as
	 * {@link RedisAdapterFactory#defaultClientOptions()} does, for commands to fail
	 * rather than wait while Redis is unreachable.
	 * @param client the Lettuce client
	 * @param options the adapter options
	 * @return the factory
	 */
	public static RedisStreamsAdapterFactory create(RedisClient client, RedisStreamsAdapterOptions options) {
		Objects.requireNonNull(client, "client");
		Objects.requireNonNull(options, "options");
		return open(() -> new RedisConnections(client, false), null, options);
	}

	/**
	 * Create a factory with its own client, shut down with the factory.
	 * @param uri where Redis is
	 * @param options the adapter options
	 * @return the factory
	 */
	public static RedisStreamsAdapterFactory create(RedisURI uri, RedisStreamsAdapterOptions options) {
		Objects.requireNonNull(uri, "uri");
		Objects.requireNonNull(options, "options");
		RedisClient client = RedisClient.create(uri);
		client.setOptions(RedisAdapterFactory.defaultClientOptions());
		return open(() -> new RedisConnections(client, true), client, options);
	}

	/**
	 * Create a factory on a Redis Cluster client that the caller owns (and shuts down
	 * after closing the factory), as the Node adapter runs on a cluster client: each
	 * stream is a key on the master of its slot, read there by a cluster connection of
	 * its own; requests and answers use classic pub/sub, which the cluster forwards to
	 * every node. Configure the client as
	 * {@link RedisAdapterFactory#defaultClusterClientOptions()} does.
	 * @param client the Lettuce cluster client
	 * @param options the adapter options
	 * @return the factory
	 */
	public static RedisStreamsAdapterFactory create(RedisClusterClient client, RedisStreamsAdapterOptions options) {
		Objects.requireNonNull(client, "client");
		Objects.requireNonNull(options, "options");
		return open(() -> new RedisConnections(client, false), null, options);
	}

	/**
	 * Create a factory with its own Redis Cluster client, shut down with the factory.
	 * @param seeds some nodes of the cluster; the client discovers the others
	 * @param options the adapter options
	 * @return the factory
	 */
	public static RedisStreamsAdapterFactory createCluster(Iterable<RedisURI> seeds,
			RedisStreamsAdapterOptions options) {
		Objects.requireNonNull(seeds, "seeds");
		Objects.requireNonNull(options, "options");
		RedisClusterClient client = RedisClusterClient.create(seeds);
		client.setOptions(RedisAdapterFactory.defaultClusterClientOptions());
		return open(() -> new RedisConnections(client, true), client, options);
	}

	/**
	 * Open the connections and the readers; on a failure close what was opened, and the
	 * client when the factory was to own it.
	 */
	private static RedisStreamsAdapterFactory open(Supplier<RedisConnections> connect,
			@Nullable AbstractRedisClient ownedClient, RedisStreamsAdapterOptions options) {
		RedisConnections connections;
		try {
			connections = connect.get();
		}
		catch (RuntimeException ex) {
			if (ownedClient != null) {
				ownedClient.shutdown();
			}
			throw ex;
		}
		try {
			return new RedisStreamsAdapterFactory(connections, options);
		}
		catch (RuntimeException ex) {
			// Shuts the client down too when the connections own it.
			connections.close();
			throw ex;
		}
	}

	@Override
	public SocketIoAdapter create(AdapterContext context) {
		RedisStreamsAdapter adapter = new RedisStreamsAdapter(context, this.connections, this.options) {

			@Override
			public void close() {
				RedisStreamsAdapterFactory.this.adapters.remove(context.namespace(), this);
				super.close();
			}

		};
		this.adapters.put(context.namespace(), adapter);
		return adapter;
	}

	private void dispatch(ObjectNode message, String offset) {
		@Nullable RedisStreamsAdapter adapter = this.adapters.get(message.path("nsp").asString(""));
		if (adapter != null) {
			adapter.onStreamEntry(message, offset);
		}
	}

	/**
	 * Return the adapter of a namespace.
	 * @param namespace a namespace of a server whose adapters this factory creates
	 * @return the namespace's adapter
	 * @throws IllegalArgumentException when the namespace's adapter is not a Redis
	 * Streams adapter
	 */
	public RedisStreamsAdapter adapter(Namespace namespace) {
		if (ServerInternals.adapter(namespace) instanceof RedisStreamsAdapter adapter) {
			return adapter;
		}
		throw new IllegalArgumentException("The adapter of " + namespace + " is not a Redis Streams adapter");
	}

	/**
	 * Return the adapter options.
	 * @return the options
	 */
	public RedisStreamsAdapterOptions options() {
		return this.options;
	}

	/**
	 * Return whether the connections to Redis are open, the stream readers' included: a
	 * health check.
	 * @return {@code true} while connected
	 */
	@Override
	public boolean isConnected() {
		return this.connections.isConnected() && this.readers.stream().allMatch(RedisStreamReader::isConnected);
	}

	/**
	 * Describe the service for health details.
	 * @return {@code redis-streams}
	 */
	@Override
	public String description() {
		return "redis-streams";
	}

	/**
	 * Close the connections (and the client, when the factory created it).
	 */
	@Override
	public void close() {
		this.readers.forEach(RedisStreamReader::close);
		this.connections.close();
	}

}
