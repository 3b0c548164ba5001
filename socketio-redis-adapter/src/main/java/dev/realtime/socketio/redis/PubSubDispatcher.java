package dev.realtime.socketio.redis;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import org.jspecify.annotations.Nullable;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * Routes what the subscriber connection receives to the handler of its channel, shard
 * channel or pattern. A handler that throws is logged and the next message still arrives:
 * one bad message must not stop a node from hearing the others.
 */
final class PubSubDispatcher extends RedisPubSubAdapter<byte[], byte[]> {

	private static final Logger logger = Loggers.getLogger(PubSubDispatcher.class);

	final Map<String, Consumer<byte[]>> channels = new ConcurrentHashMap<>();

	final Map<String, Consumer<byte[]>> shardChannels = new ConcurrentHashMap<>();

	final Map<String, BiConsumer<String, byte[]>> patterns = new ConcurrentHashMap<>();

	@Override
	public void message(byte[] channel, byte[] message) {
		@Nullable Consumer<byte[]> handler = this.channels.get(text(channel));
		if (handler != null) {
			dispatch(() -> handler.accept(message));
		}
	}

	@Override
	public void smessage(byte[] channel, byte[] message) {
		@Nullable Consumer<byte[]> handler = this.shardChannels.get(text(channel));
		if (handler != null) {
			dispatch(() -> handler.accept(message));
		}
	}

	@Override
	public void message(byte[] pattern, byte[] channel, byte[] message) {
		@Nullable BiConsumer<String, byte[]> handler = this.patterns.get(text(pattern));
		if (handler != null) {
			dispatch(() -> handler.accept(text(channel), message));
		}
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static void dispatch(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Redis adapter could not handle a message", ex);
		}
	}

}
