package dev.realtime.socketio.redis;

import java.util.Objects;

import dev.realtime.socketio.internal.ServerInternals;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.adapter.AdapterContext;
import dev.realtime.socketio.server.adapter.SocketIoAdapter;
import dev.realtime.socketio.server.adapter.SocketIoAdapterFactory;
import dev.realtime.socketio.server.adapter.SocketIoAdapterHealth;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;

/**
 * Creates a {@link RedisAdapter} for each namespace of a server, all sharing two Redis
 * connections (one to publish, one subscribed). Hand it to the server options and close
 * it after the server: <pre class="code">
 * RedisAdapterFactory redis = RedisAdapterFactory.create(RedisClient.create("redis://localhost:6379"));
 * SocketIoServer io = SocketIoServer.create(SocketIoServerOptions.builder().adapterFactory(redis).build());
 * </pre> The connections are opened when the factory is created, so a Redis that cannot
 * be reached at startup fails fast; after that, Lettuce reconnects by itself and the
 * adapters subscribe again.
 *
 * @since 0.1.0
 */
public final class RedisAdapterFactory implements SocketIoAdapterFactory, SocketIoAdapterHealth, AutoCloseable {

	private final RedisConnections connections;

	private final RedisAdapterOptions options;

	private RedisAdapterFactory(RedisConnections connections, RedisAdapterOptions options) {
		this.connections = connections;
		this.options = options;
	}

	/**
	 * Create a factory on a client that the caller owns, with the default options.
	 * @param client the Lettuce client
	 * @return the factory
	 */
	public static RedisAdapterFactory create(RedisClient client) {
		return create(client, RedisAdapterOptions.defaults());
	}

	/**
	 * Create a factory on a client that the caller owns (and shuts down after closing the
	 * factory). For messages not to be replayed late after an outage, configure the
	 * client to reject commands while disconnected; the adapter also checks the
	 * connection before publishing.
	 * @param client the Lettuce client
	 * @param options the adapter options
	 * @return the factory
	 */
	public static RedisAdapterFactory create(RedisClient client, RedisAdapterOptions options) {
		Objects.requireNonNull(client, "client");
		Objects.requireNonNull(options, "options");
		return new RedisAdapterFactory(new RedisConnections(client, false), options);
	}

	/**
	 * Create a factory with its own client, shut down with the factory.
	 * @param uri where Redis is
	 * @param options the adapter options
	 * @return the factory
	 */
	public static RedisAdapterFactory create(RedisURI uri, RedisAdapterOptions options) {
		Objects.requireNonNull(uri, "uri");
		Objects.requireNonNull(options, "options");
		RedisClient client = RedisClient.create(uri);
		client.setOptions(defaultClientOptions());
		try {
			return new RedisAdapterFactory(new RedisConnections(client, true), options);
		}
		catch (RuntimeException ex) {
			client.shutdown();
			throw ex;
		}
	}

	/**
	 * Create a factory on a Redis Cluster client that the caller owns (and shuts down
	 * after closing the factory). The classic adapter publishes and subscribes with
	 * classic pub/sub, which a Redis Cluster forwards to every node; with
	 * {@link RedisAdapterOptions.Builder#sharded(boolean)} the adapter uses sharded
	 * pub/sub, each channel on the master of its slot.
	 * @param client the Lettuce cluster client
	 * @param options the adapter options
	 * @return the factory
	 */
	public static RedisAdapterFactory create(RedisClusterClient client, RedisAdapterOptions options) {
		Objects.requireNonNull(client, "client");
		Objects.requireNonNull(options, "options");
		return new RedisAdapterFactory(new RedisConnections(client, false), options);
	}

	/**
	 * Create a factory with its own Redis Cluster client, shut down with the factory.
	 * @param seeds some nodes of the cluster; the client discovers the others
	 * @param options the adapter options
	 * @return the factory
	 */
	public static RedisAdapterFactory createCluster(Iterable<RedisURI> seeds, RedisAdapterOptions options) {
		Objects.requireNonNull(seeds, "seeds");
		Objects.requireNonNull(options, "options");
		RedisClusterClient client = RedisClusterClient.create(seeds);
		client.setOptions(defaultClusterClientOptions());
		try {
			return new RedisAdapterFactory(new RedisConnections(client, true), options);
		}
		catch (RuntimeException ex) {
			client.shutdown();
			throw ex;
		}
	}

	/**
	 * Return the cluster client options the adapter works best with: those of
	 * {@link #defaultClientOptions()}, and the cluster's layout refreshed when a node
	 * moves a slot or cannot be reached, so a replica promoted after a master failed is
	 * found.
	 * @return the options
	 */
	public static ClusterClientOptions defaultClusterClientOptions() {
		return ClusterClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.topologyRefreshOptions(io.lettuce.core.cluster.ClusterTopologyRefreshOptions.builder()
				.enableAllAdaptiveRefreshTriggers()
				.build())
			.build();
	}

	/**
	 * Return the client options the adapter works best with: reconnect automatically, and
	 * reject commands while disconnected (a broadcast is dropped rather than sent late).
	 * @return the options
	 */
	public static ClientOptions defaultClientOptions() {
		return ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.build();
	}

	@Override
	public SocketIoAdapter create(AdapterContext context) {
		if (this.options.sharded()) {
			return new RedisShardedAdapter(context, this.connections, this.options);
		}
		return new RedisAdapter(context, this.connections, this.options);
	}

	/**
	 * Return the adapter of a namespace, for what only the Redis adapter does, such as
	 * {@link RedisAdapter#allRooms()} (the rooms of the whole cluster).
	 * @param namespace a namespace of a server whose adapters this factory creates
	 * @return the namespace's adapter
	 * @throws IllegalArgumentException when the namespace's adapter is not a Redis
	 * adapter
	 */
	public RedisAdapter adapter(Namespace namespace) {
		if (ServerInternals.adapter(namespace) instanceof RedisAdapter adapter) {
			return adapter;
		}
		throw new IllegalArgumentException("The adapter of " + namespace + " is not a Redis adapter");
	}

	/**
	 * Return the adapter options.
	 * @return the options
	 */
	public RedisAdapterOptions options() {
		return this.options;
	}

	/**
	 * Return whether the connections to Redis are open: a health check. While they are
	 * not, delivery to this node's sockets goes on and requests to other nodes fail.
	 * @return {@code true} while connected
	 */
	@Override
	public boolean isConnected() {
		return this.connections.isConnected();
	}

	/**
	 * Describe the service for health details: {@code redis}, never its address or
	 * credentials.
	 * @return {@code redis}
	 */
	@Override
	public String description() {
		return "redis";
	}

	/**
	 * Close the connections (and the client, when the factory created it).
	 */
	@Override
	public void close() {
		this.connections.close();
	}

}
