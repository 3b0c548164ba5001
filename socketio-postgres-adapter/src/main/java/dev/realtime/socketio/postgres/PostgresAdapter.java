package dev.realtime.socketio.postgres;

import dev.realtime.socketio.cluster.ClusterAdapterWithHeartbeat;
import dev.realtime.socketio.server.adapter.AdapterContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The adapter of one namespace in a cluster of servers that share a Postgres database,
 * with the channel, payloads and attachment table of the Node
 * {@code @socket.io/postgres-adapter} 0.5, so Java and Node servers share one cluster and
 * the Node {@code @socket.io/postgres-emitter} reaches Java-connected clients.
 * <p>
 * Every message of the namespace (broadcasts, room changes, requests and their answers,
 * heartbeats) is a {@code NOTIFY} on {@code <prefix>#<namespace>}, which every node
 * {@code LISTEN}s on; the nodes know each other by their heartbeats. Like Node's, it does
 * not support connection state recovery across nodes.
 * <p>
 * When Postgres is unreachable, delivery to this node's sockets goes on; publishing and
 * requests to the other nodes fail with a {@link PostgresAdapterException}. Created by
 * {@link PostgresAdapterFactory}.
 *
 * @since 0.1.0
 */
public class PostgresAdapter extends ClusterAdapterWithHeartbeat {

	private final PostgresAdapterFactory factory;

	private final String channel;

	private final String namespace;

	PostgresAdapter(AdapterContext context, PostgresAdapterFactory factory, PostgresAdapterOptions options) {
		super(context, options.requestTimeout(), options.heartbeatInterval(), options.heartbeatTimeout());
		this.factory = factory;
		this.channel = options.channelOf(context.namespace());
		this.namespace = context.namespace();
	}

	String namespaceName() {
		return this.namespace;
	}

	/**
	 * Return the notification channel of this namespace.
	 * @return {@code <prefix>#<namespace>}
	 */
	public String channel() {
		return this.channel;
	}

	// For the factory, in this package: the protected hooks of the base class.

	void begin() {
		start();
	}

	void reannounce() {
		announce();
	}

	void receive(JsonNode message) {
		onMessage(message, "");
	}

	void transportLost(String reason) {
		failRequests(reason);
	}

	@Override
	protected Mono<String> doPublish(ObjectNode message) {
		// No offsets: like Node's, this adapter keeps no log to recover from.
		return this.factory.publish(this.channel, message).thenReturn("");
	}

	@Override
	protected Mono<Void> doPublishResponse(String requesterUid, ObjectNode response) {
		// Node publishes answers on the namespace's channel too; the others ignore them.
		return this.factory.publish(this.channel, response);
	}

	@Override
	protected RuntimeException failure(String message, @Nullable Throwable cause) {
		return (cause != null) ? new PostgresAdapterException(message, cause) : new PostgresAdapterException(message);
	}

	@Override
	protected String transportName() {
		return "Postgres";
	}

	@Override
	public void close() {
		super.close();
		this.factory.remove(this);
	}

}
