package dev.realtime.socketio.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import reactor.core.scheduler.Schedulers;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one Redis stream on a connection of its own ({@code XREAD BLOCK} from the last
 * entry it saw) and hands each message to the adapter of its namespace, in stream order.
 * After an outage it goes on from that entry, so nothing appended meanwhile is missed
 * while Redis kept it. On a Redis Cluster the reads go to the master of the stream's
 * slot.
 */
final class RedisStreamReader implements AutoCloseable {

	private static final Logger logger = Loggers.getLogger(RedisStreamReader.class);

	/** The pause before reading again after a failed read (Redis unreachable). */
	private static final long RETRY_MILLIS = 200;

	private final StatefulConnection<byte[], byte[]> connection;

	private final RedisClusterAsyncCommands<byte[], byte[]> commands;

	private final byte[] key;

	private final XReadArgs args;

	private final BiConsumer<ObjectNode, String> handler;

	private volatile String offset;

	private volatile boolean closed;

	RedisStreamReader(RedisConnections connections, String stream, RedisStreamsAdapterOptions options,
			BiConsumer<ObjectNode, String> handler) {
		RedisConnections.Dedicated dedicated = connections.connectDedicated();
		this.connection = dedicated.connection();
		this.commands = dedicated.commands();
		this.key = RedisConnections.bytes(stream);
		this.handler = handler;
		this.args = XReadArgs.Builder.block(options.blockTime()).count(options.readCount());
		// A read blocks for blockTime: the command must not time out before Redis
		// answers.
		this.connection.setTimeout(options.blockTime().plus(options.requestTimeout()));
		this.offset = lastEntry(options.requestTimeout());
		poll();
	}

	/**
	 * The id of the stream's last entry now, so that whatever is appended from here on is
	 * read (Node starts at {@code $} with its first read, which misses what comes before
	 * it).
	 */
	private String lastEntry(Duration timeout) {
		try {
			List<StreamMessage<byte[], byte[]>> last = this.commands
				.xrevrange(this.key, Range.unbounded(), Limit.from(1))
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return last.isEmpty() ? "0-0" : last.get(0).getId();
		}
		catch (Exception ex) {
			this.connection.close();
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw new RedisAdapterException(
					"Could not read the Redis stream " + new String(this.key, StandardCharsets.UTF_8) + ": " + ex, ex);
		}
	}

	boolean isConnected() {
		return !this.closed && this.connection.isOpen();
	}

	private void poll() {
		if (this.closed) {
			return;
		}
		this.commands.xread(this.args, XReadArgs.StreamOffset.from(this.key, this.offset))
			.whenComplete((entries, error) -> {
				if (error != null) {
					if (!this.closed) {
						logger.debug("Redis Streams adapter could not read the stream: " + error);
						Schedulers.parallel().schedule(this::poll, RETRY_MILLIS, TimeUnit.MILLISECONDS);
					}
					return;
				}
				if (entries != null) {
					for (StreamMessage<byte[], byte[]> entry : entries) {
						dispatch(entry);
						this.offset = entry.getId();
					}
				}
				poll();
			});
	}

	private void dispatch(StreamMessage<byte[], byte[]> entry) {
		try {
			ObjectNode message = StreamEntries.decode(entry);
			if (message != null) {
				this.handler.accept(message, entry.getId());
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Redis Streams adapter ignored entry " + entry.getId() + ": " + ex);
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.connection.close();
	}

}
