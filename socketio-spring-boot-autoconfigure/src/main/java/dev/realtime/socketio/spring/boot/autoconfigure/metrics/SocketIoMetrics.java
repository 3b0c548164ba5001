package dev.realtime.socketio.spring.boot.autoconfigure.metrics;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.realtime.socketio.engine.EngineIoServer;
import dev.realtime.socketio.engine.EngineIoServerListener;
import dev.realtime.socketio.engine.EngineIoSocket;
import dev.realtime.socketio.engine.EngineIoTransport;
import dev.realtime.socketio.server.DisconnectReason;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoServerListener;
import dev.realtime.socketio.server.SocketIoSocket;

/**
 * {@link MeterBinder} for a {@link SocketIoServer}: sessions, connections, handshakes,
 * events, acks, bytes, dropped packets, errors and upgrades, through the engine's
 * listener SPIs. Every tag is bounded: the {@code event} tag names only the configured
 * events (the others are {@code other}), and past {@code maxNamespaceTags} distinct
 * namespaces (for instance children of a dynamic namespace) further ones are counted as
 * {@code other}. Meters are looked up once and cached, so recording costs a map lookup
 * and an increment.
 *
 * @since 0.1.0
 */
public class SocketIoMetrics implements MeterBinder {

	static final String OTHER = "other";

	private static final Log logger = LogFactory.getLog(SocketIoMetrics.class);

	private final SocketIoServer server;

	private final Set<String> events;

	private final int maxNamespaceTags;

	/**
	 * Create a binder that tags no event names and at most 100 namespaces.
	 * @param server the server
	 */
	public SocketIoMetrics(SocketIoServer server) {
		this(server, Set.of(), 100);
	}

	/**
	 * Create a binder.
	 * @param server the server
	 * @param events the event names to tag events with; when empty, event meters have no
	 * {@code event} tag
	 * @param maxNamespaceTags the most distinct {@code namespace} tag values
	 */
	public SocketIoMetrics(SocketIoServer server, Collection<String> events, int maxNamespaceTags) {
		this.server = Objects.requireNonNull(server, "server");
		this.events = Set.copyOf(events);
		this.maxNamespaceTags = maxNamespaceTags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		EngineIoServer engine = this.server.engine();
		for (EngineIoTransport transport : EngineIoTransport.values()) {
			Gauge.builder("socketio.engine.sessions", engine, (e) -> e.sessionCount(transport))
				.description("Open Engine.IO sessions")
				.tag("transport", transport.wireName())
				.baseUnit("sessions")
				.register(registry);
		}
		Listener listener = new Listener(registry);
		for (Namespace namespace : this.server.namespaces()) {
			listener.namespace(namespace.name()).connections.set(namespace.sockets().size());
		}
		engine.addListener(listener);
		this.server.addListener(listener);
	}

	private final class Listener implements EngineIoServerListener, SocketIoServerListener {

		private final MeterRegistry registry;

		private final Map<String, NamespaceMeters> namespaces = new ConcurrentHashMap<>();

		private final Map<String, Timer> handshakes = new ConcurrentHashMap<>();

		private final Counter[] bytesReceived = new Counter[EngineIoTransport.values().length];

		private final Counter[] bytesSent = new Counter[EngineIoTransport.values().length];

		private final Counter droppedVolatile;

		private final Counter droppedBackpressure;

		private final Counter parseErrors;

		private final Counter authErrors;

		private final Counter handlerErrors;

		private final Counter rejectedEvents;

		private final Counter timeoutErrors;

		private final Counter upgrades;

		private volatile boolean namespaceLimitLogged;

		Listener(MeterRegistry registry) {
			this.registry = registry;
			for (EngineIoTransport transport : EngineIoTransport.values()) {
				this.bytesReceived[transport.ordinal()] = bytes("socketio.data.received", "Bytes received from clients",
						transport);
				this.bytesSent[transport.ordinal()] = bytes("socketio.data.sent", "Bytes sent to clients", transport);
			}
			this.droppedVolatile = dropped(EngineIoServerListener.VOLATILE);
			this.droppedBackpressure = dropped(EngineIoServerListener.BACKPRESSURE);
			this.parseErrors = error("parse");
			this.authErrors = error("auth");
			this.handlerErrors = error("handler");
			this.rejectedEvents = error("rejected");
			this.timeoutErrors = error("timeout");
			this.upgrades = Counter.builder("socketio.upgrades")
				.description("Sessions upgraded from long-polling to WebSocket")
				.register(registry);
			for (String outcome : new String[] { ACCEPTED, REJECTED, ERROR }) {
				handshake(outcome);
			}
		}

		private Counter bytes(String name, String description, EngineIoTransport transport) {
			return Counter.builder(name)
				.description(description)
				.tag("transport", transport.wireName())
				.baseUnit("bytes")
				.register(this.registry);
		}

		private Counter dropped(String reason) {
			return Counter.builder("socketio.packets.dropped")
				.description("Packets dropped instead of sent")
				.tag("reason", reason)
				.register(this.registry);
		}

		private Counter error(String kind) {
			return Counter.builder("socketio.errors")
				.description("Invalid packets, refused connections, failed handlers and timeouts")
				.tag("kind", kind)
				.register(this.registry);
		}

		private Timer handshake(String outcome) {
			return this.handshakes.computeIfAbsent(outcome,
					(value) -> Timer.builder("socketio.handshakes")
						.description("Namespace handshakes, from the CONNECT packet to the answer")
						.tag("outcome", value)
						.register(this.registry));
		}

		NamespaceMeters namespace(String name) {
			NamespaceMeters meters = this.namespaces.get(name);
			if (meters != null) {
				return meters;
			}
			if (this.namespaces.size() >= SocketIoMetrics.this.maxNamespaceTags) {
				if (!this.namespaceLimitLogged) {
					this.namespaceLimitLogged = true;
					logger.warn("Reached the maximum number of namespace tags (" + SocketIoMetrics.this.maxNamespaceTags
							+ "): further namespaces are tagged '" + OTHER
							+ "'; see socketio.metrics.max-namespace-tags");
				}
				return this.namespaces.computeIfAbsent(OTHER, (tag) -> new NamespaceMeters(this.registry, tag));
			}
			return this.namespaces.computeIfAbsent(name, (tag) -> new NamespaceMeters(this.registry, tag));
		}

		// Engine.IO

		@Override
		public void sessionUpgraded(EngineIoSocket socket) {
			this.upgrades.increment();
		}

		@Override
		public void packetsDropped(EngineIoSocket socket, int count, String reason) {
			(EngineIoServerListener.VOLATILE.equals(reason) ? this.droppedVolatile : this.droppedBackpressure)
				.increment(count);
		}

		@Override
		public void bytesTransferred(EngineIoSocket socket, long received, long sent) {
			int transport = socket.transport().ordinal();
			if (received > 0) {
				this.bytesReceived[transport].increment(received);
			}
			if (sent > 0) {
				this.bytesSent[transport].increment(sent);
			}
		}

		// Socket.IO

		@Override
		public void socketConnected(SocketIoSocket socket) {
			NamespaceMeters meters = namespace(socket.namespace().name());
			meters.connections.incrementAndGet();
			meters.opened.increment();
		}

		@Override
		public void socketDisconnected(SocketIoSocket socket, DisconnectReason reason) {
			NamespaceMeters meters = namespace(socket.namespace().name());
			meters.connections.decrementAndGet();
			meters.closed(reason.wireName()).increment();
		}

		@Override
		public void connectRejected(String namespace) {
			this.authErrors.increment();
		}

		@Override
		public void handshakeCompleted(String namespace, String outcome, long nanos) {
			handshake(outcome).record(nanos, TimeUnit.NANOSECONDS);
		}

		@Override
		public void eventReceived(String namespace, String event) {
			namespace(namespace).received(eventTag(event)).increment();
		}

		@Override
		public void eventSent(String namespace, String event, int recipients) {
			if (recipients > 0) {
				namespace(namespace).sent(eventTag(event)).increment(recipients);
			}
		}

		@Override
		public void ackCompleted(String namespace, boolean clientToServer, long nanos, boolean ok) {
			namespace(namespace).ack(clientToServer, ok).record(nanos, TimeUnit.NANOSECONDS);
			if (!ok) {
				this.timeoutErrors.increment();
			}
		}

		@Override
		public void parseError() {
			this.parseErrors.increment();
		}

		@Override
		public void connectTimedOut() {
			this.timeoutErrors.increment();
		}

		@Override
		public void handlerFailed(String namespace, String event, Throwable error) {
			this.handlerErrors.increment();
		}

		@Override
		public void eventRejected(String namespace, String event, Throwable reason) {
			this.rejectedEvents.increment();
		}

		private String eventTag(String event) {
			Set<String> events = SocketIoMetrics.this.events;
			if (events.isEmpty()) {
				return "";
			}
			return events.contains(event) ? event : OTHER;
		}

	}

	/**
	 * The meters of one {@code namespace} tag value. An empty event tag stands for "no
	 * {@code event} tag".
	 */
	private static final class NamespaceMeters {

		private static final String CLIENT_TO_SERVER = "client-to-server";

		private static final String SERVER_TO_CLIENT = "server-to-client";

		private final MeterRegistry registry;

		private final String namespace;

		final AtomicInteger connections = new AtomicInteger();

		final Counter opened;

		private final Map<String, Counter> closed = new ConcurrentHashMap<>();

		private final Map<String, Counter> received = new ConcurrentHashMap<>();

		private final Map<String, Counter> sent = new ConcurrentHashMap<>();

		private final Timer[] acks = new Timer[4];

		NamespaceMeters(MeterRegistry registry, String namespace) {
			this.registry = registry;
			this.namespace = namespace;
			Gauge.builder("socketio.connections", this.connections, AtomicInteger::get)
				.description("Sockets connected to the namespace")
				.tag("namespace", namespace)
				.baseUnit("connections")
				.register(registry);
			this.opened = Counter.builder("socketio.connections.opened")
				.description("Sockets that joined the namespace")
				.tag("namespace", namespace)
				.register(registry);
		}

		Counter closed(String reason) {
			return this.closed.computeIfAbsent(reason,
					(value) -> Counter.builder("socketio.connections.closed")
						.description("Sockets that left the namespace")
						.tags("namespace", this.namespace, "reason", value)
						.register(this.registry));
		}

		Counter received(String event) {
			return this.received.computeIfAbsent(event,
					(value) -> eventCounter("socketio.events.received", "Events received from clients", value));
		}

		Counter sent(String event) {
			return this.sent.computeIfAbsent(event, (value) -> eventCounter("socketio.events.sent",
					"Events sent to clients, once per recipient", value));
		}

		private Counter eventCounter(String name, String description, String event) {
			Tags tags = Tags.of("namespace", this.namespace);
			if (!event.isEmpty()) {
				tags = tags.and("event", event);
			}
			return Counter.builder(name).description(description).tags(tags).register(this.registry);
		}

		Timer ack(boolean clientToServer, boolean ok) {
			int index = (clientToServer ? 2 : 0) + (ok ? 0 : 1);
			Timer timer = this.acks[index];
			if (timer == null) {
				// A race registers the same timer twice: the registry returns the same
				// one.
				timer = Timer.builder("socketio.acks")
					.description("Acknowledgements: handler time until the ack was sent (client-to-server), "
							+ "or round trip (server-to-client)")
					.tags("namespace", this.namespace, "direction",
							clientToServer ? CLIENT_TO_SERVER : SERVER_TO_CLIENT, "outcome", ok ? "ok" : "timeout")
					.register(this.registry);
				this.acks[index] = timer;
			}
			return timer;
		}

	}

}
