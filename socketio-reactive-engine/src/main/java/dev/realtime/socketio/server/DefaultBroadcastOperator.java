package dev.realtime.socketio.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.server.adapter.BroadcastAckHandler;
import dev.realtime.socketio.server.adapter.BroadcastOptions;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * An immutable selection of sockets of one namespace, handed to the adapter.
 */
final class DefaultBroadcastOperator implements BroadcastOperator {

	private final DefaultNamespace namespace;

	private final Set<String> rooms;

	private final Set<String> except;

	private final boolean volatileFlag;

	private final boolean compress;

	private final boolean local;

	private final @Nullable Duration timeout;

	DefaultBroadcastOperator(DefaultNamespace namespace) {
		this(namespace, Set.of(), Set.of(), false, true, false, null);
	}

	private DefaultBroadcastOperator(DefaultNamespace namespace, Set<String> rooms, Set<String> except,
			boolean volatileFlag, boolean compress, boolean local, @Nullable Duration timeout) {
		this.namespace = namespace;
		this.rooms = rooms;
		this.except = except;
		this.volatileFlag = volatileFlag;
		this.compress = compress;
		this.local = local;
		this.timeout = timeout;
	}

	@Override
	public BroadcastOperator to(String... rooms) {
		return to(Arrays.asList(rooms));
	}

	@Override
	public BroadcastOperator to(Collection<String> rooms) {
		Set<String> all = new LinkedHashSet<>(this.rooms);
		all.addAll(rooms);
		return new DefaultBroadcastOperator(this.namespace, Set.copyOf(all), this.except, this.volatileFlag,
				this.compress, this.local, this.timeout);
	}

	@Override
	public BroadcastOperator except(String... rooms) {
		Set<String> all = new LinkedHashSet<>(this.except);
		all.addAll(Arrays.asList(rooms));
		return new DefaultBroadcastOperator(this.namespace, this.rooms, Set.copyOf(all), this.volatileFlag,
				this.compress, this.local, this.timeout);
	}

	@Override
	public BroadcastOperator asVolatile() {
		return new DefaultBroadcastOperator(this.namespace, this.rooms, this.except, true, this.compress, this.local,
				this.timeout);
	}

	@Override
	public BroadcastOperator compress(boolean compress) {
		return new DefaultBroadcastOperator(this.namespace, this.rooms, this.except, this.volatileFlag, compress,
				this.local, this.timeout);
	}

	@Override
	public BroadcastOperator local() {
		return new DefaultBroadcastOperator(this.namespace, this.rooms, this.except, this.volatileFlag, this.compress,
				true, this.timeout);
	}

	@Override
	public BroadcastOperator timeout(Duration timeout) {
		return new DefaultBroadcastOperator(this.namespace, this.rooms, this.except, this.volatileFlag, this.compress,
				this.local, timeout);
	}

	BroadcastOptions options() {
		return BroadcastOptions.builder()
			.rooms(this.rooms)
			.except(this.except)
			.volatileFlag(this.volatileFlag)
			.compress(this.compress)
			.local(this.local)
			.timeout(this.timeout)
			.build();
	}

	@Override
	public void emit(String event, Object... args) {
		Payloads.checkEventName(event);
		ArrayNode data = Payloads.eventData(this.namespace.jsonMapper(), event, args);
		this.namespace.adapter().broadcast(SocketIoPacket.event(this.namespace.name(), data), options());
	}

	@Override
	public Mono<List<JsonNode>> emitWithAck(String event, Object... args) {
		Payloads.checkEventName(event);
		Duration ackTimeout = this.timeout;
		if (ackTimeout == null) {
			return Mono.error(new IllegalStateException("emitWithAck on a broadcast needs a timeout(...)"));
		}
		ArrayNode data = Payloads.eventData(this.namespace.jsonMapper(), event, args);
		BroadcastOptions options = options();
		return this.namespace.adapter().serverCount().flatMap((servers) -> Mono.create((sink) -> {
			AckCollector collector = new AckCollector(sink, servers);
			Disposable timer = Schedulers.parallel()
				.schedule(collector::timeout, ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
			sink.onDispose(timer);
			long ackId = this.namespace.nextAckId();
			this.namespace.adapter()
				.broadcastWithAck(SocketIoPacket.event(this.namespace.name(), data, ackId), options, collector);
		}));
	}

	@Override
	public Mono<List<RemoteSocket>> fetchSockets() {
		return this.namespace.adapter().fetchSockets(options());
	}

	@Override
	public void socketsJoin(String... rooms) {
		this.namespace.adapter().addSockets(options(), Arrays.asList(rooms));
	}

	@Override
	public void socketsLeave(String... rooms) {
		this.namespace.adapter().delSockets(options(), Arrays.asList(rooms));
	}

	@Override
	public void disconnectSockets(boolean close) {
		this.namespace.adapter().disconnectSockets(options(), close);
	}

	/** Completes once every node reported its recipients and every recipient answered. */
	private static final class AckCollector implements BroadcastAckHandler {

		private final MonoSink<List<JsonNode>> sink;

		private final int expectedServers;

		private final List<JsonNode> responses = new ArrayList<>();

		private int servers;

		private int expectedClients;

		private boolean done;

		AckCollector(MonoSink<List<JsonNode>> sink, int expectedServers) {
			this.sink = sink;
			this.expectedServers = expectedServers;
		}

		@Override
		public synchronized void clientCount(int clientCount) {
			this.servers++;
			this.expectedClients += clientCount;
			check();
		}

		@Override
		public synchronized void ack(JsonNode response) {
			if (!this.done) {
				this.responses.add(response);
				check();
			}
		}

		synchronized void timeout() {
			if (!this.done) {
				this.done = true;
				this.sink.error(
						new AckTimeoutException(Math.max(this.expectedClients, this.responses.size()), this.responses));
			}
		}

		private void check() {
			if (!this.done && this.servers >= this.expectedServers && this.responses.size() >= this.expectedClients) {
				this.done = true;
				this.sink.success(List.copyOf(this.responses));
			}
		}

	}

}
