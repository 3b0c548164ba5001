package dev.realtime.socketio.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.realtime.socketio.server.adapter.AdapterContext;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * A {@link ClusterAdapter} that knows the other nodes by their heartbeats, as the Node
 * {@code socket.io-adapter} {@code ClusterAdapterWithHeartbeat} does, for transports that
 * cannot count their subscribers (Postgres {@code LISTEN}, for one): a node announces
 * itself ({@code INITIAL_HEARTBEAT}, which the others answer with a {@code HEARTBEAT}),
 * sends a heartbeat every interval and {@code ADAPTER_CLOSE} when it closes; a node not
 * heard of for the heartbeat timeout is taken for gone. The servers are this node plus
 * the nodes heard of, and a request waits for an answer of each of them (not for a node
 * that leaves meanwhile).
 * <p>
 * Node sends a heartbeat only after an interval without any message; this adapter sends
 * one every interval, which the other nodes read the same way.
 *
 * @since 0.1.0
 */
public abstract class ClusterAdapterWithHeartbeat extends ClusterAdapter {

	private static final Logger logger = Loggers.getLogger(ClusterAdapterWithHeartbeat.class);

	private static final long CLEANUP_PERIOD_MILLIS = 1000;

	/**
	 * The other nodes, by uid: when each was last heard of ({@link System#nanoTime()}).
	 */
	private final Map<String, Long> nodes = new ConcurrentHashMap<>();

	private final Duration heartbeatInterval;

	private final Duration heartbeatTimeout;

	private volatile @Nullable Disposable heartbeats;

	private volatile @Nullable Disposable cleanup;

	/**
	 * Create the adapter of a namespace.
	 * @param context the namespace's context
	 * @param requestTimeout how long requests wait for the other nodes by default
	 * @param heartbeatInterval the time between two heartbeats (Node's default: 5 s)
	 * @param heartbeatTimeout how long a silent node counts as alive (Node's default: 10
	 * s)
	 */
	protected ClusterAdapterWithHeartbeat(AdapterContext context, Duration requestTimeout, Duration heartbeatInterval,
			Duration heartbeatTimeout) {
		super(context, requestTimeout);
		this.heartbeatInterval = heartbeatInterval;
		this.heartbeatTimeout = heartbeatTimeout;
	}

	/**
	 * Announce this node and start sending heartbeats; call it once the transport can
	 * publish.
	 */
	protected void start() {
		announce();
		long interval = this.heartbeatInterval.toMillis();
		this.heartbeats = Schedulers.parallel()
			.schedulePeriodically(() -> publish(message(ClusterMessages.HEARTBEAT, MissingNode.getInstance())),
					interval, interval, TimeUnit.MILLISECONDS);
		this.cleanup = Schedulers.parallel()
			.schedulePeriodically(this::forgetSilentNodes, CLEANUP_PERIOD_MILLIS, CLEANUP_PERIOD_MILLIS,
					TimeUnit.MILLISECONDS);
	}

	/**
	 * Announce this node, so that the other nodes answer with a heartbeat at once: when
	 * it starts, and when its transport reconnected after an outage.
	 */
	protected void announce() {
		publish(message(ClusterMessages.INITIAL_HEARTBEAT, MissingNode.getInstance()));
	}

	/**
	 * Return the other nodes this node heard of within the heartbeat timeout.
	 * @return their uids
	 */
	public Set<String> otherNodeUids() {
		return Set.copyOf(this.nodes.keySet());
	}

	private void forgetSilentNodes() {
		long now = System.nanoTime();
		long timeout = this.heartbeatTimeout.toNanos();
		this.nodes.forEach((node, lastSeen) -> {
			if (now - lastSeen > timeout) {
				logger.debug(transportName() + " adapter of " + namespace() + ": node " + node + " seems down");
				removeNode(node);
			}
		});
	}

	private void removeNode(String node) {
		this.nodes.remove(node);
		nodeLeft(node);
	}

	@Override
	protected void onMessage(JsonNode message, String offset) {
		String sender = message.path("uid").asString("");
		if (uid().equals(sender) || !namespace().equals(message.path("nsp").asString(""))) {
			return;
		}
		if (!sender.isEmpty() && !ClusterMessages.EMITTER_UID.equals(sender)) {
			this.nodes.put(sender, System.nanoTime());
		}
		switch (message.path("type").asInt(-1)) {
			case ClusterMessages.INITIAL_HEARTBEAT ->
				publish(message(ClusterMessages.HEARTBEAT, MissingNode.getInstance()));
			case ClusterMessages.HEARTBEAT -> {
				// the node is alive: recorded above
			}
			case ClusterMessages.ADAPTER_CLOSE -> removeNode(sender);
			default -> super.onMessage(message, offset);
		}
	}

	/**
	 * Return the number of servers: this one and the nodes heard of.
	 * @return the number of nodes, this one included
	 */
	@Override
	public Mono<Integer> serverCount() {
		return Mono.just(1 + this.nodes.size());
	}

	@Override
	Mono<Targets> otherNodes() {
		Set<String> others = otherNodeUids();
		return Mono.just(new Targets(others.size(), others));
	}

	/** Say goodbye to the other nodes and stop the heartbeats. */
	@Override
	public void close() {
		publish(message(ClusterMessages.ADAPTER_CLOSE, MissingNode.getInstance()));
		Disposable heartbeats = this.heartbeats;
		if (heartbeats != null) {
			heartbeats.dispose();
		}
		Disposable cleanup = this.cleanup;
		if (cleanup != null) {
			cleanup.dispose();
		}
		super.close();
	}

}
