package dev.realtime.socketio.redis;

import java.net.SocketAddress;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * The two Redis connections a node shares between its namespaces: one that publishes and
 * asks, one in subscribed state that receives and hands each message to the adapter of
 * its channel. Lettuce reconnects both after an outage and subscribes again. On a Redis
 * Cluster ({@link RedisClusterClient}) the publisher routes keyed commands (and
 * {@code SPUBLISH}) to the master of their slot, the subscriber routes {@code SSUBSCRIBE}
 * the same way, and the servers are counted on every node: classic pub/sub reaches the
 * whole cluster, but each node counts only its own subscribers.
 */
final class RedisConnections implements AutoCloseable {

	private static final Logger logger = Loggers.getLogger(RedisConnections.class);

	private static final int RESUBSCRIBE_ATTEMPTS = 300;

	private static final Duration RESUBSCRIBE_DELAY = Duration.ofMillis(100);

	private final AbstractRedisClient client;

	private final boolean ownsClient;

	private final StatefulConnection<byte[], byte[]> publisher;

	private final RedisClusterAsyncCommands<byte[], byte[]> commands;

	private final @Nullable StatefulRedisClusterConnection<byte[], byte[]> clusterPublisher;

	private final StatefulRedisPubSubConnection<byte[], byte[]> subscriber;

	private final PubSubDispatcher dispatcher = new PubSubDispatcher();

	private final CopyOnWriteArrayList<Runnable> disconnectListeners = new CopyOnWriteArrayList<>();

	private volatile boolean closed;

	RedisConnections(RedisClient client, boolean ownsClient) {
		this(client, ownsClient, client.connect(ByteArrayCodec.INSTANCE),
				() -> client.connectPubSub(ByteArrayCodec.INSTANCE));
	}

	RedisConnections(RedisClusterClient client, boolean ownsClient) {
		this(client, ownsClient, client.connect(ByteArrayCodec.INSTANCE),
				() -> client.connectPubSub(ByteArrayCodec.INSTANCE));
	}

	private RedisConnections(RedisClient client, boolean ownsClient, StatefulRedisConnection<byte[], byte[]> publisher,
			Supplier<StatefulRedisPubSubConnection<byte[], byte[]>> subscriber) {
		this(client, ownsClient, publisher, publisher.async(), null, subscriber);
	}

	private RedisConnections(RedisClusterClient client, boolean ownsClient,
			StatefulRedisClusterConnection<byte[], byte[]> publisher,
			Supplier<StatefulRedisPubSubConnection<byte[], byte[]>> subscriber) {
		this(client, ownsClient, publisher, publisher.async(), publisher, subscriber);
	}

	private RedisConnections(AbstractRedisClient client, boolean ownsClient,
			StatefulConnection<byte[], byte[]> publisher, RedisClusterAsyncCommands<byte[], byte[]> commands,
			@Nullable StatefulRedisClusterConnection<byte[], byte[]> clusterPublisher,
			Supplier<StatefulRedisPubSubConnection<byte[], byte[]>> subscriber) {
		this.client = client;
		this.ownsClient = ownsClient;
		this.publisher = publisher;
		this.commands = commands;
		this.clusterPublisher = clusterPublisher;
		try {
			this.subscriber = subscriber.get();
		}
		catch (RuntimeException ex) {
			publisher.close();
			throw ex;
		}
		listen();
	}

	private void listen() {
		this.subscriber.addListener(this.dispatcher);
		StateListener state = new StateListener();
		this.publisher.addListener(state);
		this.subscriber.addListener(state);
	}

	boolean isConnected() {
		return !this.closed && this.publisher.isOpen() && this.subscriber.isOpen();
	}

	void onDisconnect(Runnable listener) {
		this.disconnectListeners.add(listener);
	}

	void removeDisconnectListener(Runnable listener) {
		this.disconnectListeners.remove(listener);
	}

	/**
	 * Subscribe to channels, one handler per channel. A channel is subscribed once per
	 * node ({@code PUBSUB NUMSUB} counts the nodes that way).
	 */
	Mono<Void> subscribe(Map<String, Consumer<byte[]>> handlers, String pattern,
			BiConsumer<String, byte[]> patternHandler) {
		this.dispatcher.patterns.put(pattern, patternHandler);
		this.dispatcher.channels.putAll(handlers);
		byte[][] names = handlers.keySet().stream().map(RedisConnections::bytes).toArray(byte[][]::new);
		// The pattern first: once NUMSUB counts this node, it also receives broadcasts.
		return Mono.fromCompletionStage(() -> this.subscriber.async().psubscribe(bytes(pattern)))
			.then(Mono.fromCompletionStage(() -> this.subscriber.async().subscribe(names)))
			.then();
	}

	/**
	 * Subscribe to channels, one handler per channel, without a pattern.
	 */
	Mono<Void> subscribeChannels(Map<String, Consumer<byte[]>> handlers) {
		this.dispatcher.channels.putAll(handlers);
		byte[][] names = handlers.keySet().stream().map(RedisConnections::bytes).toArray(byte[][]::new);
		return Mono.fromCompletionStage(() -> this.subscriber.async().subscribe(names)).then();
	}

	/**
	 * Unsubscribe from channels subscribed without a pattern, unless another adapter took
	 * them over meanwhile.
	 */
	Mono<Void> unsubscribeChannels(Map<String, Consumer<byte[]>> handlers) {
		List<byte[]> names = new ArrayList<>();
		handlers.forEach((channel, handler) -> {
			if (this.dispatcher.channels.remove(channel, handler)) {
				names.add(bytes(channel));
			}
		});
		if (names.isEmpty() || this.closed || !this.subscriber.isOpen()) {
			return Mono.empty();
		}
		return Mono.fromCompletionStage(() -> this.subscriber.async().unsubscribe(names.toArray(byte[][]::new))).then();
	}

	/**
	 * Open another connection on the same client, for a command that blocks (a
	 * {@code XREAD BLOCK} would hold up every other command of the shared one). On a
	 * Redis Cluster it is a cluster connection of its own: its keyed commands go to the
	 * master of the key's slot, and it follows the slot's moves.
	 */
	Dedicated connectDedicated() {
		if (this.client instanceof RedisClusterClient cluster) {
			StatefulRedisClusterConnection<byte[], byte[]> connection = cluster.connect(ByteArrayCodec.INSTANCE);
			return new Dedicated(connection, connection.async());
		}
		StatefulRedisConnection<byte[], byte[]> connection = ((RedisClient) this.client)
			.connect(ByteArrayCodec.INSTANCE);
		return new Dedicated(connection, connection.async());
	}

	/**
	 * Unsubscribe from channels, unless another adapter took them over meanwhile.
	 */
	Mono<Void> unsubscribe(Map<String, Consumer<byte[]>> handlers, String pattern,
			BiConsumer<String, byte[]> patternHandler) {
		List<byte[]> names = new ArrayList<>();
		handlers.forEach((channel, handler) -> {
			if (this.dispatcher.channels.remove(channel, handler)) {
				names.add(bytes(channel));
			}
		});
		boolean patternRemoved = this.dispatcher.patterns.remove(pattern, patternHandler);
		if (this.closed || !this.subscriber.isOpen()) {
			return Mono.empty();
		}
		Mono<Void> channels = names.isEmpty() ? Mono.empty()
				: Mono.fromCompletionStage(() -> this.subscriber.async().unsubscribe(names.toArray(byte[][]::new)));
		Mono<Void> patterns = patternRemoved
				? Mono.fromCompletionStage(() -> this.subscriber.async().punsubscribe(bytes(pattern))) : Mono.empty();
		return channels.then(patterns);
	}

	/**
	 * Publish a message; fails at once when Redis is unreachable, so nothing is queued to
	 * be replayed late.
	 */
	Mono<Long> publish(String channel, byte[] message) {
		if (!isConnected()) {
			return Mono.error(new RedisAdapterException("Redis is not connected: could not publish to " + channel));
		}
		return Mono.fromCompletionStage(this.commands.publish(bytes(channel), message));
	}

	/**
	 * Count the subscribers of a channel ({@code PUBSUB NUMSUB}).
	 */
	Mono<Integer> numsub(String channel) {
		if (!isConnected()) {
			return Mono.error(new RedisAdapterException("Redis is not connected: cannot count the servers"));
		}
		StatefulRedisClusterConnection<byte[], byte[]> cluster = this.clusterPublisher;
		if (cluster != null) {
			// Each node of a cluster counts only the subscribers connected to it.
			return Mono
				.fromCompletionStage(
						() -> cluster.async().nodes((node) -> true).commands().pubsubNumsub(bytes(channel)))
				.map((perNode) -> perNode.stream()
					.flatMap((counts) -> counts.values().stream())
					.mapToInt(Long::intValue)
					.sum());
		}
		return Mono.fromCompletionStage(this.commands.pubsubNumsub(bytes(channel)))
			.map((counts) -> counts.values().stream().mapToInt(Long::intValue).sum());
	}

	/**
	 * Publish a message on a shard channel ({@code SPUBLISH}, Redis 7+); fails at once
	 * when Redis is unreachable.
	 */
	Mono<Long> spublish(String channel, byte[] message) {
		if (!isConnected()) {
			return Mono.error(new RedisAdapterException("Redis is not connected: could not publish to " + channel));
		}
		return Mono.fromCompletionStage(() -> this.commands.spublish(bytes(channel), message));
	}

	/**
	 * Count the subscribers of a shard channel ({@code PUBSUB SHARDNUMSUB}), on the node
	 * that owns its slot.
	 */
	Mono<Integer> shardNumsub(String channel) {
		if (!isConnected()) {
			return Mono.error(new RedisAdapterException("Redis is not connected: cannot count the servers"));
		}
		return Mono.fromCompletionStage(() -> this.commands.pubsubShardNumsub(bytes(channel)))
			.map((counts) -> counts.values().stream().mapToInt(Long::intValue).sum());
	}

	/**
	 * Subscribe to shard channels ({@code SSUBSCRIBE}), one handler per channel.
	 */
	Mono<Void> ssubscribe(Map<String, Consumer<byte[]>> handlers) {
		this.dispatcher.shardChannels.putAll(handlers);
		List<Mono<Void>> each = new ArrayList<>();
		// One command per channel: on a cluster the channels of one SSUBSCRIBE must share
		// a slot.
		for (String channel : handlers.keySet()) {
			each.add(Mono.fromCompletionStage(() -> this.subscriber.async().ssubscribe(bytes(channel))).then());
		}
		return Mono.when(each);
	}

	/**
	 * Unsubscribe from shard channels, unless another adapter took them over meanwhile.
	 */
	Mono<Void> sunsubscribe(Map<String, Consumer<byte[]>> handlers) {
		List<Mono<Void>> each = new ArrayList<>();
		handlers.forEach((channel, handler) -> {
			if (this.dispatcher.shardChannels.remove(channel, handler) && !this.closed && this.subscriber.isOpen()) {
				each.add(Mono.fromCompletionStage(() -> this.subscriber.async().sunsubscribe(bytes(channel))).then());
			}
		});
		return Mono.when(each);
	}

	/**
	 * Append an entry to a stream, trimmed to about {@code maxLength} entries.
	 * @return the entry's id
	 */
	Mono<String> xadd(String key, long maxLength, Map<byte[], byte[]> entry) {
		if (!isConnected()) {
			return Mono.error(new RedisAdapterException("Redis is not connected: could not append to " + key));
		}
		XAddArgs args = XAddArgs.Builder.maxlen(maxLength).approximateTrimming();
		return Mono.fromCompletionStage(() -> this.commands.xadd(bytes(key), args, entry));
	}

	/**
	 * Read at most {@code count} entries of a stream in a range of ids.
	 */
	Mono<List<StreamMessage<byte[], byte[]>>> xrange(String key, Range<String> range, long count) {
		if (!isConnected()) {
			return Mono.error(new RedisAdapterException("Redis is not connected: could not read " + key));
		}
		return Mono.fromCompletionStage(() -> this.commands.xrange(bytes(key), range, Limit.from(count)));
	}

	/**
	 * Set a key that expires after a time.
	 */
	Mono<Void> set(String key, byte[] value, Duration expiry) {
		if (!isConnected()) {
			return Mono.error(new RedisAdapterException("Redis is not connected: could not store " + key));
		}
		SetArgs args = SetArgs.Builder.px(Math.max(1, expiry.toMillis()));
		return Mono.fromCompletionStage(() -> this.commands.set(bytes(key), value, args)).then();
	}

	/**
	 * Read and delete a key in one step ({@code GETDEL}, Redis 6.2+).
	 */
	Mono<byte[]> getdel(String key) {
		if (!isConnected()) {
			return Mono.error(new RedisAdapterException("Redis is not connected: could not read " + key));
		}
		return Mono.fromCompletionStage(() -> this.commands.getdel(bytes(key)));
	}

	/**
	 * Subscribe to the shard channels again after a reconnection, one at a time: Lettuce
	 * sends them all in one {@code SSUBSCRIBE}, which a cluster refuses when they hash to
	 * different slots.
	 */
	private void resubscribeShardChannels() {
		for (String channel : this.dispatcher.shardChannels.keySet()) {
			// The event comes before the connection to the channel's node is back.
			Mono.fromCompletionStage(() -> this.subscriber.async().ssubscribe(bytes(channel)))
				.retryWhen(Retry.fixedDelay(RESUBSCRIBE_ATTEMPTS, RESUBSCRIBE_DELAY).filter((error) -> !this.closed))
				.subscribe(null,
						(error) -> logger.warn("Redis adapter could not subscribe to " + channel + " again: " + error));
		}
	}

	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.subscriber.close();
		this.publisher.close();
		if (this.ownsClient) {
			this.client.shutdown();
		}
	}

	/** A connection of its own and its commands, on one Redis or a cluster alike. */
	record Dedicated(StatefulConnection<byte[], byte[]> connection,
			RedisClusterAsyncCommands<byte[], byte[]> commands) {
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private final class StateListener implements RedisConnectionStateListener {

		@Override
		public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
			if (!RedisConnections.this.closed) {
				logger.warn("Redis adapter lost its connection to Redis; reconnecting");
			}
			for (Runnable listener : RedisConnections.this.disconnectListeners) {
				listener.run();
			}
		}

		@Override
		public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress socketAddress) {
			logger.debug("Redis adapter connected to {}", socketAddress);
			if (connection == RedisConnections.this.subscriber && !RedisConnections.this.closed) {
				resubscribeShardChannels();
			}
		}

	}

}
