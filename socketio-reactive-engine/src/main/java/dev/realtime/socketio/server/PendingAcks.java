package dev.realtime.socketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The acknowledgements a socket awaits from its client, by ack id, with their timeouts.
 * Confined to the connection's context; a socket creates it with its first callback.
 */
final class PendingAcks {

	private static final Logger logger = Loggers.getLogger(PendingAcks.class);

	private final Map<Long, PendingAck> pending = new HashMap<>(4);

	private final SocketIoClient client;

	private final DefaultNamespace namespace;

	private final String socketId;

	PendingAcks(SocketIoClient client, DefaultNamespace namespace, String socketId) {
		this.client = client;
		this.namespace = namespace;
		this.socketId = socketId;
	}

	/**
	 * Await an acknowledgement; on timeout the callback gets an
	 * {@link AckTimeoutException}.
	 * @param ackId the ack id of the packet sent
	 * @param callback the callback
	 * @param timeout how long to wait, or {@code null} for as long as the socket is
	 * connected
	 */
	void register(long ackId, AckCallback callback, @Nullable Duration timeout) {
		ScheduledFuture<?> timer = null;
		if (timeout != null) {
			timer = this.client.schedule(() -> {
				PendingAck pending = this.pending.remove(ackId);
				if (pending != null) {
					this.namespace.server()
						.metrics()
						.ackCompleted(this.namespace.name(), false, System.nanoTime() - pending.startNanos(), false);
					pending.callback()
						.onAck(new AckTimeoutException(1, List.of()), JsonNodeFactory.instance.arrayNode());
				}
			}, timeout.toMillis());
		}
		this.pending.put(ackId, new PendingAck(callback, timer, System.nanoTime()));
	}

	/**
	 * Hand the client's reply to the callback that awaits it.
	 * @param ackId the ack id of the reply
	 * @param reply the reply's arguments
	 */
	void complete(long ackId, ArrayNode reply) {
		PendingAck pending = this.pending.remove(ackId);
		if (pending == null) {
			// Unknown or duplicate ack ids are ignored, as in the reference server.
			return;
		}
		if (pending.timer() != null) {
			pending.timer().cancel(false);
		}
		this.namespace.server()
			.metrics()
			.ackCompleted(this.namespace.name(), false, System.nanoTime() - pending.startNanos(), true);
		try {
			pending.callback().onAck(null, reply);
		}
		catch (RuntimeException ex) {
			logger.error("Ack callback of socket " + this.socketId + " failed", ex);
		}
	}

	/**
	 * Fail every awaited acknowledgement, as the socket disconnects.
	 */
	void failAll() {
		if (this.pending.isEmpty()) {
			return;
		}
		List<PendingAck> pending = new ArrayList<>(this.pending.values());
		this.pending.clear();
		for (PendingAck ack : pending) {
			if (ack.timer() != null) {
				ack.timer().cancel(false);
			}
			try {
				ack.callback()
					.onAck(new IllegalStateException("socket has been disconnected"),
							JsonNodeFactory.instance.arrayNode());
			}
			catch (RuntimeException ex) {
				logger.error("Ack callback of socket " + this.socketId + " failed", ex);
			}
		}
	}

	private record PendingAck(AckCallback callback, @Nullable ScheduledFuture<?> timer, long startNanos) {
	}

}
