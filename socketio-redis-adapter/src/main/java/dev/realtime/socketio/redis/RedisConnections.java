package dev.realtime.socketio.redis;

import java.net.SocketAddress;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * The two Redis connections a node shares between its namespaces: one that publishes and
 * asks, one in subscribed state that receives and hands each message to the adapter of
 * its channel. Lettuce reconnects both after an outage and subscribes again.
 */
final class RedisConnections implements AutoCloseable {

	private static final Logger logger = Loggers.getLogger(RedisConnections.class);

	private final RedisClient client;

	private final boolean ownsClient;

	private final StatefulRedisConnection<byte[], byte[]> publisher;

	private final StatefulRedisPubSubConnection<byte[], byte[]> subscriber;

	private final Map<String, Consumer<byte[]>> channels = new ConcurrentHashMap<>();

	private final Map<String, BiConsumer<String, byte[]>> patterns = new ConcurrentHashMap<>();

	private final CopyOnWriteArrayList<Runnable> disconnectListeners = new CopyOnWriteArrayList<>();

	private volatile boolean closed;

	RedisConnections(RedisClient client, boolean ownsClient) {
		this.client = client;
		this.ownsClient = ownsClient;
		this.publisher = client.connect(ByteArrayCodec.INSTANCE);
		try {
			this.subscriber = client.connectPubSub(ByteArrayCodec.INSTANCE);
		}
		catch (RuntimeException ex) {
			this.publisher.close();
			throw ex;
		}
		this.subscriber.addListener(new Dispatcher());
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
		this.patterns.put(pattern, patternHandler);
		this.channels.putAll(handlers);
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
		this.channels.putAll(handlers);
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
			if (this.channels.remove(channel, handler)) {
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
	 * {@code XREAD BLOCK} would hold up every other command of the shared one).
	 */
	StatefulRedisConnection<byte[], byte[]> connectDedicated() {
		return this.client.connect(ByteArrayCodec.INSTANCE);
	}

	/**
	 * Unsubscribe from channels, unless another adapter took them over meanwhile.
	 */
	Mono<Void> unsubscribe(Map<String, Consumer<byte[]>> handlers, String pattern,
			BiConsumer<String, byte[]> patternHandler) {
		List<byte[]> names = new ArrayList<>();
		handlers.forEach((channel, handler) -> {
			if (this.channels.remove(channel, handler)) {
				names.add(bytes(channel));
			}
		});
		boolean patternRemoved = this.patterns.remove(pattern, patternHandler);
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
		return Mono.fromCompletionStage(this.publisher.async().publish(bytes(channel), message));
	}

	/**
	 * Count the subscribers of a channel ({@code PUBSUB NUMSUB}).
	 */
	Mono<Integer> numsub(String channel) {
		if (!isConnected()) {
			return Mono.error(new RedisAdapterException("Redis is not connected: cannot count the servers"));
		}
		return Mono.fromCompletionStage(this.publisher.async().pubsubNumsub(bytes(channel)))
			.map((counts) -> counts.values().stream().mapToInt(Long::intValue).sum());
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
		return Mono.fromCompletionStage(() -> this.publisher.async().xadd(bytes(key), args, entry));
	}

	/**
	 * Read at most {@code count} entries of a stream in a range of ids.
	 */
	Mono<List<StreamMessage<byte[], byte[]>>> xrange(String key, Range<String> range, long count) {
		if (!isConnected()) {
			return Mono.error(new RedisAdapterException("Redis is not connected: could not read " + key));
		}
		return Mono.fromCompletionStage(() -> this.publisher.async().xrange(bytes(key), range, Limit.from(count)));
	}

	/**
	 * Set a key that expires after a time.
	 */
	Mono<Void> set(String key, byte[] value, Duration expiry) {
		if (!isConnected()) {
			return Mono.error(new RedisAdapterException("Redis is not connected: could not store " + key));
		}
		SetArgs args = SetArgs.Builder.px(Math.max(1, expiry.toMillis()));
		return Mono.fromCompletionStage(() -> this.publisher.async().set(bytes(key), value, args)).then();
	}

	/**
	 * Read and delete a key in one step ({@code GETDEL}, Redis 6.2+).
	 */
	Mono<byte[]> getdel(String key) {
		if (!isConnected()) {
			return Mono.error(new RedisAdapterException("Redis is not connected: could not read " + key));
		}
		return Mono.fromCompletionStage(() -> this.publisher.async().getdel(bytes(key)));
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

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private final class Dispatcher extends RedisPubSubAdapter<byte[], byte[]> {

		@Override
		public void message(byte[] channel, byte[] message) {
			@Nullable Consumer<byte[]> handler = RedisConnections.this.channels.get(new String(channel, StandardCharsets.UTF_8));
			if (handler != null) {
				dispatch(() -> handler.accept(message));
			}
		}

		@Override
		public void message(byte[] pattern, byte[] channel, byte[] message) {
			@Nullable BiConsumer<String, byte[]> handler = RedisConnections.this.patterns
				.get(new String(pattern, StandardCharsets.UTF_8));
			if (handler != null) {
				dispatch(() -> handler.accept(new String(channel, StandardCharsets.UTF_8), message));
			}
		}

		private void dispatch(Runnable task) {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.warn("Redis adapter could not handle a message", ex);
			}
		}

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
		}

	}

}
