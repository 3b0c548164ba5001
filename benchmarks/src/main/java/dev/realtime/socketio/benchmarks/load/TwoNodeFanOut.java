package dev.realtime.socketio.benchmarks.load;

import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.netty.buffer.ByteBuf;

/**
 * S7: broadcast fan-out across two server nodes sharing one Redis (the Redis adapter);
 * S7PG: the same on one Postgres (the Postgres adapter), the broker's CPU reported as
 * {@code postgres_cpu_us_per_message} instead of {@code redis_cpu_us_per_message}. 2 000
 * receivers in one room, split evenly between node A ({@code --port}) and node B
 * ({@code --port2}); the sender is connected to node A, outside the room. Node A delivers
 * to its own half and publishes through Redis; node B receives from Redis and delivers to
 * its half. Paced at 20 msg/s (latency p50/p99, local and remote), then a burst of 100
 * messages (deliveries/s). Every receiver checks that it sees each message exactly once
 * (lost and duplicated are reported); server CPU is summed over both nodes
 * ({@code --pid=A,B}), each node's CPU per delivery to its own receivers and Redis's CPU
 * ({@code --redis-pid} or {@code --broker-pid}) are reported beside it.
 */
final class TwoNodeFanOut implements Scenario {

	private static final String ROOM = "bench";

	private static final int MAX_MESSAGES = 10_000;

	private static final int BURST = 100;

	private static final int RATE = 20;

	private final AtomicLongArray sentAt = new AtomicLongArray(MAX_MESSAGES);

	private final Map<WsConnection, Receiver> receivers = new ConcurrentHashMap<>();

	private final AtomicInteger joined = new AtomicInteger();

	/** Deliveries seen for the first time, all receivers; then per node. */
	private final AtomicLong unique = new AtomicLong();

	private final AtomicLong[] uniqueByNode = { new AtomicLong(), new AtomicLong() };

	private final AtomicLong duplicates = new AtomicLong();

	private final AtomicLong lastDelivery = new AtomicLong();

	private volatile Latencies[] latencies = { new Latencies(), new Latencies() };

	private volatile boolean recording;

	private int nextSeq;

	/** The broker's name in the metric names: {@code redis} or {@code postgres}. */
	private final String broker;

	TwoNodeFanOut(String broker) {
		this.broker = broker;
	}

	@Override
	public void run(LoadContext context, Result result) throws Exception {
		if (context.secondPort() <= 0) {
			throw new IllegalArgumentException("S7 and S7PG need the second node's port: --port2=PORT");
		}
		int perNode = Math.max(1, context.scaled(2000) / 2);
		int[] ports = { context.port(), context.secondPort() };
		Connector.Batch[] batches = new Connector.Batch[2];
		for (int node = 0; node < 2; node++) {
			int index = node;
			batches[node] = context.connector(ports[node]).open(perNode, 256, new WsConnection.Listener() {
				@Override
				public void onConnected(WsConnection connection) {
				}

				@Override
				public void onFailed(WsConnection connection, Throwable cause) {
				}

				@Override
				public void onText(WsConnection connection, ByteBuf packet) {
					int type = packet.getByte(packet.readerIndex() + 1);
					if (type == '3') {
						TwoNodeFanOut.this.joined.incrementAndGet();
					}
					else if (type == '2') {
						onMessage(connection, packet);
					}
				}
			}, (connection) -> {
				this.receivers.put(connection, new Receiver(index));
				connection.sendText("421[\"join\",\"" + ROOM + "\"]");
			}, null);
		}
		for (Connector.Batch batch : batches) {
			batch.await(120);
		}
		int members = batches[0].list().size() + batches[1].list().size();
		long joinDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (this.joined.get() < members && System.nanoTime() < joinDeadline) {
			Thread.sleep(5);
		}
		Connector.Batch senderBatch = context.connector(ports[0]).open(1, 1, new WsConnection.Listener() {
			@Override
			public void onFailed(WsConnection connection, Throwable cause) {
			}
		}, (c) -> {
		}, null);
		senderBatch.await(30);
		WsConnection sender = senderBatch.list().get(0);
		result.put("receivers", members)
			.put("receivers_a", batches[0].list().size())
			.put("receivers_b", batches[1].list().size())
			.put("joined", this.joined.get())
			.put("connect_failures", batches[0].failures.get() + batches[1].failures.get());

		ProcessStats servers = context.stats();
		ProcessStats nodeA = (servers.processCount() > 1) ? servers.only(0) : servers;
		ProcessStats nodeB = (servers.processCount() > 1) ? servers.only(1) : new ProcessStats(0, "jvm", null);
		ProcessStats brokerProcess = context.brokerStats();

		// Warm-up: paced for the warm-up time (at least a second), then a full-size burst
		paced(sender, Math.max(RATE, (int) Math.round(RATE * context.warmupSeconds())));
		burst(sender, BURST);

		this.latencies = new Latencies[] { new Latencies(), new Latencies() };
		int pacedMessages = Math.max(10, (int) Math.round(RATE * context.measureSeconds()));
		long pacedDuplicates = this.duplicates.get();
		this.recording = true;
		Window pacedWindow = Window.start(servers);
		Window pacedBroker = Window.start(brokerProcess);
		long pacedDelivered = paced(sender, pacedMessages);
		pacedWindow.stop();
		pacedBroker.stop();
		this.recording = false;
		Latencies.Snapshot pacedLocal = this.latencies[0].snapshot();
		Latencies.Snapshot pacedRemote = this.latencies[1].snapshot();
		Latencies.Snapshot pacedAll = merged(pacedLocal, pacedRemote);
		result.put("paced_p50_ms", pacedAll.percentileMillis(50))
			.put("paced_p99_ms", pacedAll.percentileMillis(99))
			.put("paced_local_p50_ms", pacedLocal.percentileMillis(50))
			.put("paced_local_p99_ms", pacedLocal.percentileMillis(99))
			.put("paced_remote_p50_ms", pacedRemote.percentileMillis(50))
			.put("paced_remote_p99_ms", pacedRemote.percentileMillis(99))
			.put("paced_server_cpu_us_per_delivery", pacedWindow.serverMicrosPer(pacedDelivered))
			.put("paced_" + this.broker + "_cpu_us_per_message",
					brokerMicrosPer(brokerProcess, pacedBroker, pacedMessages))
			.put("paced_lost", (double) pacedMessages * members - pacedDelivered)
			.put("paced_duplicated", this.duplicates.get() - pacedDuplicates);

		this.latencies = new Latencies[] { new Latencies(), new Latencies() };
		long burstDuplicates = this.duplicates.get();
		long startA = this.uniqueByNode[0].get();
		long startB = this.uniqueByNode[1].get();
		this.recording = true;
		Window burstWindow = Window.start(servers);
		Window burstA = Window.start(nodeA);
		Window burstB = Window.start(nodeB);
		Window burstBroker = Window.start(brokerProcess);
		long burstDelivered = burst(sender, BURST);
		long end = this.lastDelivery.get();
		burstWindow.stopAt(end);
		burstA.stopAt(end);
		burstB.stopAt(end);
		burstBroker.stopAt(end);
		this.recording = false;
		Latencies.Snapshot burstLocal = this.latencies[0].snapshot();
		Latencies.Snapshot burstRemote = this.latencies[1].snapshot();
		Latencies.Snapshot burstAll = merged(burstLocal, burstRemote);
		result.put("deliveries_per_s", burstWindow.rate(burstDelivered))
			.put("burst_p50_ms", burstAll.percentileMillis(50))
			.put("burst_p99_ms", burstAll.percentileMillis(99))
			.put("burst_local_p99_ms", burstLocal.percentileMillis(99))
			.put("burst_remote_p99_ms", burstRemote.percentileMillis(99))
			.put("server_cpu_us_per_delivery", burstWindow.serverMicrosPer(burstDelivered))
			.put("node_a_cpu_us_per_delivery", burstA.serverMicrosPer(this.uniqueByNode[0].get() - startA))
			.put("node_b_cpu_us_per_delivery", burstB.serverMicrosPer(this.uniqueByNode[1].get() - startB))
			.put(this.broker + "_cpu_us_per_message", brokerMicrosPer(brokerProcess, burstBroker, BURST))
			.put("gen_cpu_us_per_delivery", burstWindow.generatorMicrosPer(burstDelivered))
			.put("burst_lost", (double) BURST * members - burstDelivered)
			.put("burst_duplicated", this.duplicates.get() - burstDuplicates);
		senderBatch.closeAll();
		batches[0].closeAll();
		batches[1].closeAll();
	}

	private static double brokerMicrosPer(ProcessStats broker, Window window, int messages) {
		return broker.hasServer() ? window.serverMicrosPer(messages) : Double.NaN;
	}

	private static Latencies.Snapshot merged(Latencies.Snapshot first, Latencies.Snapshot second) {
		long[] all = new long[first.count() + second.count()];
		System.arraycopy(first.sorted(), 0, all, 0, first.count());
		System.arraycopy(second.sorted(), 0, all, first.count(), second.count());
		java.util.Arrays.sort(all);
		return new Latencies.Snapshot(all);
	}

	/**
	 * Send at 20 msg/s; return the deliveries once all arrived (or 10 s after the last
	 * change).
	 */
	private long paced(WsConnection sender, int messages) throws InterruptedException {
		long start = this.unique.get();
		long target = start + (long) messages * this.receivers.size();
		long begin = System.nanoTime();
		for (int i = 0; i < messages; i++) {
			long due = begin + i * (1_000_000_000L / RATE);
			long wait = due - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			sender.channel().eventLoop().execute(() -> sendOne(sender));
		}
		return awaitDeliveries(start, target);
	}

	/**
	 * Send back to back from the sender's loop; return the deliveries once all arrived.
	 */
	private long burst(WsConnection sender, int messages) throws InterruptedException {
		long start = this.unique.get();
		long target = start + (long) messages * this.receivers.size();
		sender.channel().eventLoop().execute(() -> {
			for (int i = 0; i < messages; i++) {
				sendOne(sender);
			}
		});
		return awaitDeliveries(start, target);
	}

	private long awaitDeliveries(long start, long target) throws InterruptedException {
		// A moment more: late duplicates (if any) arrive before the counts are read.
		return BroadcastFanOut.awaitCount(this.unique, start, target, 50);
	}

	private void sendOne(WsConnection sender) {
		int seq = this.nextSeq++ % MAX_MESSAGES;
		this.sentAt.set(seq, System.nanoTime());
		sender.sendText(BroadcastFanOut.broadcastPacket(ROOM, seq));
	}

	/** On the receiver's event loop: its bit set is touched by that thread only. */
	private void onMessage(WsConnection connection, ByteBuf packet) {
		long now = System.nanoTime();
		int seq = BroadcastFanOut.sequenceOf(packet);
		Receiver receiver = this.receivers.get(connection);
		if (receiver == null) {
			return;
		}
		if (receiver.seen.get(seq)) {
			this.duplicates.incrementAndGet();
			return;
		}
		receiver.seen.set(seq);
		if (this.recording) {
			this.latencies[receiver.node].record(now - this.sentAt.get(seq));
		}
		this.lastDelivery.set(now);
		this.uniqueByNode[receiver.node].incrementAndGet();
		this.unique.incrementAndGet();
	}

	private static final class Receiver {

		final int node;

		final BitSet seen = new BitSet(MAX_MESSAGES);

		Receiver(int node) {
			this.node = node;
		}

	}

}
