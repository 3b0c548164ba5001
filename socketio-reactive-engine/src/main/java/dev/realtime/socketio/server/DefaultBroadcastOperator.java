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

	private final BroadcastOptions options;

	DefaultBroadcastOperator(DefaultNamespace namespace) {
		this(namespace, BroadcastOptions.all());
	}

	private DefaultBroadcastOperator(DefaultNamespace namespace, BroadcastOptions options) {
		this.namespace = namespace;
		this.options = options;
	}

	@Override
	public BroadcastOperator to(String... rooms) {
		return to(Arrays.asList(rooms));
	}

	@Override
	public BroadcastOperator to(Collection<String> rooms) {
		return with(this.options.toBuilder().rooms(union(this.options.rooms(), rooms)));
	}

	@Override
	public BroadcastOperator except(String... rooms) {
		return with(this.options.toBuilder().except(union(this.options.except(), Arrays.asList(rooms))));
	}

	@Override
	public BroadcastOperator asVolatile() {
		return with(this.options.toBuilder().volatileFlag(true));
	}

	@Override
	public BroadcastOperator compress(boolean compress) {
		return with(this.options.toBuilder().compress(compress));
	}

	@Override
	public BroadcastOperator local() {
		return with(this.options.toBuilder().local(true));
	}

	@Override
	public BroadcastOperator timeout(Duration timeout) {
		return with(this.options.toBuilder().timeout(timeout));
	}

	private BroadcastOperator with(BroadcastOptions.Builder options) {
		return new DefaultBroadcastOperator(this.namespace, options.build());
	}

	private static Set<String> union(Set<String> current, Collection<String> more) {
		Set<String> all = new LinkedHashSet<>(current);
		all.addAll(more);
		return all;
	}

	BroadcastOptions options() {
		return this.options;
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
		Duration ackTimeout = this.options.timeout();
		if (ackTimeout == null) {
			return Mono.error(new IllegalStateException("emitWithAck on a broadcast needs a timeout(...)"));
		}
		ArrayNode data = Payloads.eventData(this.namespace.jsonMapper(), event, args);
		BroadcastOptions options = this.options;
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
