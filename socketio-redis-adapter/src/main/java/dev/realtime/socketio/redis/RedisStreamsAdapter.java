package dev.realtime.socketio.redis;

import java.util.Map;
import java.util.function.Consumer;

import dev.realtime.socketio.cluster.ClusterMessages;
import dev.realtime.socketio.server.ConnectionStateRecoveryOptions;
import dev.realtime.socketio.server.adapter.AdapterContext;
import dev.realtime.socketio.server.adapter.RestoredSession;
import dev.realtime.socketio.server.adapter.SocketIoSession;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The adapter of one namespace in a cluster of servers that share a Redis stream, with
 * the stream, entries, channels and messages of the Node
 * {@code @socket.io/redis-streams-adapter} 0.3, so Java and Node servers share one
 * cluster.
 * <p>
 * Broadcasts, room changes and disconnections are appended to the stream, which every
 * node reads from the last entry it saw: a node that lost Redis for a moment reads on
 * where it stopped, and with connection state recovery on, an entry's id is the offset of
 * its packet, so a client whose node died is restored on any other node with every packet
 * it missed. Requests and their answers ({@code fetchSockets}, {@code serverSideEmit}
 * with acks, broadcasts with acks) go over pub/sub ({@code <prefix>#<nsp>#} and each
 * node's {@code <prefix>#<nsp>#<uid>#}), classic or sharded
 * ({@link RedisStreamsAdapterOptions.Builder#shardedPubSub(boolean)}); the servers are
 * counted as the subscribers of the namespace's channel.
 * <p>
 * When Redis is unreachable, delivery to this node's sockets goes on (without offsets);
 * requests to the other nodes fail with a {@link RedisAdapterException}. Created by
 * {@link RedisStreamsAdapterFactory}.
 *
 * @since 0.1.0
 */
public class RedisStreamsAdapter extends RedisClusterAdapterSupport {

	private static final Logger logger = Loggers.getLogger(RedisStreamsAdapter.class);

	private final RedisStreamsAdapterOptions options;

	private final String stream;

	private final String publicChannel;

	private final Map<String, Consumer<byte[]>> subscriptions;

	private final @Nullable RedisStreamsSessionStore sessions;

	RedisStreamsAdapter(AdapterContext context, RedisConnections connections, RedisStreamsAdapterOptions options) {
		super(context, connections, options.requestTimeout());
		this.options = options;
		String namespace = context.namespace();
		this.stream = options.streamOf(namespace);
		this.publicChannel = options.channelPrefix() + "#" + namespace + "#";
		String privateChannel = this.publicChannel + uid() + "#";
		ConnectionStateRecoveryOptions recovery = context.connectionStateRecovery();
		this.sessions = (recovery != null) ? new RedisStreamsSessionStore(connections, options, namespace,
				recovery.maxDisconnectionDuration(), context.jsonMapper()) : null;
		Consumer<byte[]> receiver = this::onPubSubMessage;
		this.subscriptions = Map.of(this.publicChannel, receiver, privateChannel, receiver);
		// Sharded: one SSUBSCRIBE per channel, each on the master of its slot.
		(options.shardedPubSub() ? connections.ssubscribe(this.subscriptions)
				: connections.subscribeChannels(this.subscriptions))
			.subscribe(null,
					(error) -> logger.warn("Redis Streams adapter of " + namespace + " could not subscribe: " + error));
	}

	/**
	 * Return the stream of this namespace.
	 * @return the stream key
	 */
	public String stream() {
		return this.stream;
	}

	@Override
	protected String transportName() {
		return "Redis Streams";
	}

	private void onPubSubMessage(byte[] payload) {
		JsonNode message;
		try {
			message = MsgPack.decode(payload);
		}
		catch (RuntimeException ex) {
			logger.debug("Redis Streams adapter ignored a malformed message: " + ex);
			return;
		}
		onMessage(message, "");
	}

	/** An entry of the stream for this namespace. */
	void onStreamEntry(ObjectNode message, String offset) {
		onMessage(message, offset);
	}

	@Override
	protected Mono<String> doPublish(ObjectNode message) {
		if (ClusterMessages.isEphemeral(message)) {
			return publish(this.publicChannel, MsgPack.encode(message)).thenReturn("");
		}
		return connections().xadd(this.stream, this.options.maxLength(), StreamEntries.encode(message));
	}

	@Override
	protected Mono<Void> doPublishResponse(String requesterUid, ObjectNode response) {
		return publish(this.publicChannel + requesterUid + "#", MsgPack.encode(response)).then();
	}

	private Mono<Long> publish(String channel, byte[] payload) {
		return this.options.shardedPubSub() ? connections().spublish(channel, payload)
				: connections().publish(channel, payload);
	}

	/**
	 * Return the number of servers: the subscribers of the namespace's channel
	 * ({@code PUBSUB NUMSUB}, or {@code SHARDNUMSUB} with sharded pub/sub).
	 * @return the number of nodes, this one included
	 */
	@Override
	public Mono<Integer> serverCount() {
		boolean sharded = this.options.shardedPubSub();
		return (sharded ? connections().shardNumsub(this.publicChannel) : connections().numsub(this.publicChannel))
			.timeout(requestTimeout(),
					Mono.error(() -> new RedisAdapterException("Redis did not answer PUBSUB "
							+ (sharded ? "SHARDNUMSUB" : "NUMSUB") + " within " + requestTimeout().toMillis() + " ms")))
			.map((count) -> Math.max(1, count));
	}

	@Override
	public void persistSession(SocketIoSession session) {
		if (this.sessions != null) {
			this.sessions.persist(session);
		}
	}

	@Override
	public Mono<RestoredSession> restoreSession(String pid, String offset) {
		return (this.sessions != null) ? this.sessions.restore(pid, offset) : Mono.empty();
	}

	@Override
	public Mono<Void> flush() {
		return (this.sessions != null) ? this.sessions.flush() : Mono.empty();
	}

	@Override
	public void close() {
		super.close();
		(this.options.shardedPubSub() ? connections().sunsubscribe(this.subscriptions)
				: connections().unsubscribeChannels(this.subscriptions))
			.subscribe(null, (error) -> logger.debug("Redis Streams adapter could not unsubscribe: " + error));
	}

}
