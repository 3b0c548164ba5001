package dev.realtime.socketio.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.server.RemoteSocket;
import dev.realtime.socketio.server.adapter.AdapterContext;
import dev.realtime.socketio.server.adapter.BroadcastAckHandler;
import dev.realtime.socketio.server.adapter.BroadcastOptions;
import dev.realtime.socketio.server.adapter.InMemoryAdapter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request and response logic of the Node {@code socket.io-adapter}
 * {@code ClusterAdapter}, independent of the transport: a subclass publishes a message
 * ({@link #doPublish}, returning the offset a durable transport gave it) and an answer to
 * one node ({@link #doPublishResponse}), counts the servers, and hands what it receives
 * to {@link #onMessage}. Broadcasts, room changes and disconnections are applied here at
 * once and published; requests ({@code fetchSockets}, {@code serverSideEmit} with acks,
 * broadcasts with acks) wait for the answers of the other nodes until the request
 * timeout.
 *
 * @since 0.1.0
 */
public abstract class ClusterAdapter extends InMemoryAdapter {

	private static final Logger logger = Loggers.getLogger(ClusterAdapter.class);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final String uid = ClusterMessages.randomId();

	private final Duration requestTimeout;

	private final ClusterRequests requests = new ClusterRequests(this::requestTimeout, this::failure);

	private final ClusterMessageHandler handler = new ClusterMessageHandler(this);

	/**
	 * Create the adapter of a namespace.
	 * @param context the namespace's context
	 * @param requestTimeout how long requests wait for the other nodes by default
	 */
	protected ClusterAdapter(AdapterContext context, Duration requestTimeout) {
		super(context, false);
		this.requestTimeout = requestTimeout;
	}

	/**
	 * Publish a message to every node.
	 * @param message {@code {uid, nsp, type, data}}
	 * @return the offset the transport gave the message, empty text when it gives none
	 */
	protected abstract Mono<String> doPublish(ObjectNode message);

	/**
	 * Publish an answer to the node that asked.
	 * @param requesterUid the uid of that node
	 * @param response {@code {uid, nsp, type, data}}
	 * @return completes once published
	 */
	protected abstract Mono<Void> doPublishResponse(String requesterUid, ObjectNode response);

	/**
	 * Return what the transport is called in log and error messages.
	 * @return a name such as {@code Redis Streams}
	 */
	protected abstract String transportName();

	/**
	 * Create the error of a request that could not reach the other nodes; adapters
	 * override it to throw their own type.
	 * @param message what failed
	 * @param cause the cause, if any
	 * @return the error
	 */
	protected RuntimeException failure(String message, @Nullable Throwable cause) {
		return (cause != null) ? new ClusterAdapterException(message, cause) : new ClusterAdapterException(message);
	}

	/**
	 * Create the error of a request that did not get every answer in time.
	 * @param operation what was asked
	 * @param timeoutMillis how long it waited
	 * @param answered how many other nodes answered
	 * @param expected how many were expected to
	 * @return the error
	 */
	protected RuntimeException requestTimeout(String operation, long timeoutMillis, int answered, int expected) {
		return new ClusterRequestTimeoutException(operation, timeoutMillis, answered, expected);
	}

	/**
	 * Return this node's id in the namespace's traffic; it ignores its own messages by
	 * it.
	 * @return the id
	 */
	public String uid() {
		return this.uid;
	}

	/**
	 * Return the namespace of this adapter.
	 * @return its name
	 */
	protected String namespace() {
		return context().namespace();
	}

	/**
	 * Return how long requests wait for the other nodes by default.
	 * @return the timeout
	 */
	protected Duration requestTimeout() {
		return this.requestTimeout;
	}

	boolean recoveryEnabled() {
		return context().connectionStateRecovery() != null;
	}

	/**
	 * Write a message of this node.
	 * @param type its type
	 * @param data its data, left out when missing
	 * @return {@code {uid, nsp, type, data}}
	 */
	protected ObjectNode message(int type, JsonNode data) {
		return ClusterMessages.message(this.uid, namespace(), type, data);
	}

	/**
	 * Publish a message, logging what fails.
	 * @param message the message
	 */
	protected void publish(ObjectNode message) {
		doPublish(message).subscribe(null, (error) -> logger
			.debug(transportName() + " adapter of " + namespace() + " could not publish a message: " + error));
	}

	// Broadcasts

	@Override
	public void broadcast(SocketIoPacket packet, BroadcastOptions options) {
		if (options.local() || !(packet.data() instanceof ArrayNode data)) {
			deliverLocally(packet, options);
			return;
		}
		ObjectNode body = NODES.objectNode();
		body.set("packet", ClusterPayloads.packet(namespace(), data));
		body.set("opts", ClusterPayloads.broadcastOptions(options));
		ObjectNode message = message(ClusterMessages.BROADCAST, body);
		if (!recoveryEnabled() || !isRecoverable(packet, options)) {
			publish(message);
			deliverLocally(packet, options);
			return;
		}
		// docs/protocol.md 2.8 in a cluster: the log gives the offset, the same on every
		// node; without it the packet still reaches this node's sockets, without one.
		doPublish(message).subscribe((offset) -> deliverLocally(withOffset(namespace(), data, offset), options),
				(error) -> {
					logger.debug(transportName() + " adapter could not log a packet of " + namespace() + ": " + error);
					deliverLocally(packet, options);
				});
	}

	static SocketIoPacket withOffset(String namespace, ArrayNode data, String offset) {
		if (offset.isEmpty()) {
			return SocketIoPacket.event(namespace, data);
		}
		ArrayNode withOffset = NODES.arrayNode(data.size() + 1);
		withOffset.addAll(data);
		withOffset.add(offset);
		return SocketIoPacket.event(namespace, withOffset);
	}

	@Override
	public void broadcastWithAck(SocketIoPacket packet, BroadcastOptions options, BroadcastAckHandler handler) {
		if (!options.local() && packet.data() instanceof ArrayNode data) {
			String requestId = ClusterMessages.randomId();
			ObjectNode body = NODES.objectNode();
			body.set("packet", ClusterPayloads.packet(namespace(), data));
			body.put("requestId", requestId);
			body.set("opts", ClusterPayloads.broadcastOptions(options));
			Duration timeout = (options.timeout() != null) ? options.timeout() : this.requestTimeout;
			this.requests.awaitAcks(requestId, handler, timeout);
			publish(message(ClusterMessages.BROADCAST, body));
		}
		super.broadcastWithAck(packet, options, handler);
	}

	// Room changes and disconnections: here at once, on the other nodes when the message
	// arrives (this node ignores its own by uid).

	@Override
	public void addSockets(BroadcastOptions options, Collection<String> rooms) {
		super.addSockets(options, rooms);
		publishChange(ClusterMessages.SOCKETS_JOIN, options,
				(body) -> body.set("rooms", ClusterPayloads.strings(rooms)));
	}

	@Override
	public void delSockets(BroadcastOptions options, Collection<String> rooms) {
		super.delSockets(options, rooms);
		publishChange(ClusterMessages.SOCKETS_LEAVE, options,
				(body) -> body.set("rooms", ClusterPayloads.strings(rooms)));
	}

	@Override
	public void disconnectSockets(BroadcastOptions options, boolean close) {
		super.disconnectSockets(options, close);
		publishChange(ClusterMessages.DISCONNECT_SOCKETS, options, (body) -> body.put("close", close));
	}

	private void publishChange(int type, BroadcastOptions options, Consumer<ObjectNode> fields) {
		if (!options.local()) {
			ObjectNode body = NODES.objectNode();
			body.set("opts", ClusterPayloads.selection(options));
			fields.accept(body);
			publish(message(type, body));
		}
	}

	// Requests that wait for answers

	@Override
	public Mono<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
		List<RemoteSocket> local = localSockets(options);
		if (options.local()) {
			return Mono.just(local);
		}
		Duration timeout = (options.timeout() != null) ? options.timeout() : this.requestTimeout;
		return otherNodes().flatMap((targets) -> {
			if (targets.count() <= 0) {
				return Mono.just(local);
			}
			String requestId = ClusterMessages.randomId();
			ObjectNode body = NODES.objectNode();
			body.set("opts", ClusterPayloads.selection(options));
			body.put("requestId", requestId);
			return send(ClusterMessages.FETCH_SOCKETS, "fetchSockets", requestId, targets,
					message(ClusterMessages.FETCH_SOCKETS, body), timeout)
				.map((answers) -> {
					List<RemoteSocket> sockets = new ArrayList<>(local);
					for (JsonNode answer : answers) {
						for (JsonNode socket : answer) {
							sockets.add(SocketSnapshots.read(socket, context().jsonMapper()));
						}
					}
					return sockets;
				});
		});
	}

	@Override
	public void serverSideEmit(ArrayNode data) {
		publish(message(ClusterMessages.SERVER_SIDE_EMIT, NODES.objectNode().set("packet", data)));
	}

	@Override
	public Mono<List<JsonNode>> serverSideEmitWithAck(ArrayNode data, BroadcastOptions options) {
		Duration timeout = (options.timeout() != null) ? options.timeout() : this.requestTimeout;
		return otherNodes().flatMap((targets) -> {
			if (targets.count() <= 0) {
				return Mono.just(List.of());
			}
			String requestId = ClusterMessages.randomId();
			ObjectNode body = NODES.objectNode();
			body.put("requestId", requestId);
			body.set("packet", data);
			return send(ClusterMessages.SERVER_SIDE_EMIT, "serverSideEmit", requestId, targets,
					message(ClusterMessages.SERVER_SIDE_EMIT, body), timeout);
		});
	}

	/**
	 * The other nodes a request waits for: counted from {@link #serverCount()}, or known
	 * by uid when the adapter tracks them.
	 */
	Mono<Targets> otherNodes() {
		return serverCount().map((servers) -> new Targets(servers - 1, null));
	}

	/**
	 * Publish a request and wait for the answers of the targets, or fail at the timeout
	 * with the answers counted so far.
	 */
	private Mono<List<JsonNode>> send(int type, String operation, String requestId, Targets targets, ObjectNode message,
			Duration timeout) {
		return this.requests.send(type, operation, requestId, targets, timeout, () -> doPublish(message));
	}

	/** Stop waiting for the answers of a node that left. */
	void nodeLeft(String nodeUid) {
		this.requests.nodeLeft(nodeUid);
	}

	// What the other nodes send

	/**
	 * Handle a message of another node (or an emitter).
	 * @param message the message
	 * @param offset its offset in a durable log, empty text when it has none
	 */
	protected void onMessage(JsonNode message, String offset) {
		if (this.uid.equals(message.path("uid").asString(""))
				|| !namespace().equals(message.path("nsp").asString(""))) {
			return;
		}
		int type = message.path("type").asInt(-1);
		if (ClusterMessages.isResponse(type)) {
			onResponse(message.path("uid").asString(""), type, message.path("data"));
		}
		else {
			this.handler.onRequest(message, offset);
		}
	}

	/** An answer to a request of this node, or an acknowledgement of its broadcast. */
	void onResponse(String sender, int type, JsonNode data) {
		this.requests.onResponse(sender, type, data);
	}

	void respond(String requesterUid, int type, ObjectNode data) {
		doPublishResponse(requesterUid, ClusterMessages.message(this.uid, namespace(), type, data)).subscribe(null,
				(error) -> logger.debug(transportName() + " adapter could not answer: " + error));
	}

	/**
	 * Fail what waits for answers, when the transport is gone or the adapter closes.
	 * @param reason why
	 */
	protected void failRequests(String reason) {
		this.requests.failAll(reason);
	}

	@Override
	public void close() {
		this.requests.close("The " + transportName() + " adapter of " + namespace() + " was closed");
	}

	// For the message handler

	AdapterContext adapterContext() {
		return context();
	}

	List<RemoteSocket> selectLocalSockets(BroadcastOptions options) {
		return localSockets(options);
	}

	void deliverLocalBroadcast(SocketIoPacket packet, BroadcastOptions options) {
		deliverLocally(packet, options);
	}

	void addLocalSockets(BroadcastOptions options, Collection<String> rooms) {
		super.addSockets(options, rooms);
	}

	void delLocalSockets(BroadcastOptions options, Collection<String> rooms) {
		super.delSockets(options, rooms);
	}

	void disconnectLocalSockets(BroadcastOptions options, boolean close) {
		super.disconnectSockets(options, close);
	}

	void broadcastLocallyWithAck(SocketIoPacket packet, BroadcastOptions options, BroadcastAckHandler handler) {
		super.broadcastWithAck(packet, options, handler);
	}

	/**
	 * The other nodes a request waits for.
	 *
	 * @param count how many answers complete it
	 * @param nodes their uids, {@code null} when only their number is known
	 */
	record Targets(int count, @Nullable Set<String> nodes) {
	}

}
