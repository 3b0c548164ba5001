package dev.realtime.socketio.benchmarks.load;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;

/**
 * S8: many idle WebSocket clients (Engine.IO v4 WebSocket, Socket.IO CONNECT to
 * {@code /}, each joins room {@code s8} with an ack), then one broadcast to all of them
 * from a sender outside the room. Server RSS and heap after GC per connection (the
 * difference to the same server before the clients connected), idle CPU, and the time
 * from sending the broadcast until the last receiver has it; then a second broadcast (the
 * server's broadcast path warm).
 * <p>
 * The clients bind source addresses 127.0.0.2 and up ({@code --sources}), round robin, so
 * the ephemeral port range is per address; they are started at {@code --connect-rate} per
 * second with at most {@code --in-flight} handshakes (connect, open, CONNECT, join ack)
 * at a time, so the server's accept queue never holds more than that. Every connection
 * and every delivery is counted: failures and losses are reported, not dropped.
 */
final class IdleBroadcast implements Scenario {

	private static final String ROOM = "s8";

	private static final int BROADCASTS = 2;

	private final AtomicInteger joined = new AtomicInteger();

	private final AtomicInteger failures = new AtomicInteger();

	private final AtomicLong[] received = { new AtomicLong(), new AtomicLong() };

	private final AtomicInteger duplicated = new AtomicInteger();

	private final AtomicLong[] lastDelivery = { new AtomicLong(), new AtomicLong() };

	private final AtomicLong[] firstDelivery = { new AtomicLong(), new AtomicLong() };

	private final Queue<WsConnection> connections = new ConcurrentLinkedQueue<>();

	@Override
	public void run(LoadContext context, Result result) throws Exception {
		int count = Math.max(2, (int) Math.round(context.intOption("connections", 19_000) * context.scale()));
		int sources = Math.max(1, Math.min(250, context.intOption("sources", 4)));
		int rate = Math.max(1, context.intOption("connect-rate", 2000));
		int inFlight = Math.max(1, context.intOption("in-flight", 128));
		ProcessStats stats = context.stats();
		List<Bootstrap> bootstraps = new ArrayList<>();
		for (int i = 0; i < sources; i++) {
			bootstraps.add(context.bootstrap().clone().localAddress(new InetSocketAddress("127.0.0." + (2 + i), 0)));
		}

		// A few connections first, so lazily created state does not count per connection
		Connector.Batch warmup = context.connector().open(Math.min(100, count), 100, new WsConnection.Listener() {
		}, (c) -> c.sendText("421[\"join\",\"" + ROOM + "\"]"), null);
		warmup.await(60);
		warmup.closeAll();
		Thread.sleep(500);
		long heapBefore = stats.heapAfterGcBytes();
		long rssBefore = stats.serverRssBytes();

		long connectStart = System.nanoTime();
		connectAll(context, bootstraps, count, rate, inFlight);
		double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
		int members = this.joined.get();
		Thread.sleep(1000);
		long heapAfter = stats.heapAfterGcBytes();
		long rssAfter = stats.serverRssBytes();
		Thread.sleep(500);
		Window idle = Window.start(stats);
		Thread.sleep(context.measureMillis());
		idle.stop();
		result.put("connections", this.connections.size())
			.put("joined", members)
			.put("connect_failures", this.failures.get())
			.put("connect_s", connectSeconds)
			.put("sources", sources)
			.put("rss_bytes_per_conn", (double) (rssAfter - rssBefore) / members)
			.put("heap_bytes_per_conn",
					(heapBefore < 0 || heapAfter < 0) ? Double.NaN : (double) (heapAfter - heapBefore) / members)
			.put("rss_after_mb", rssAfter / 1048576.0)
			.put("heap_after_mb", heapAfter / 1048576.0)
			.put("idle_server_cpu_ms_per_s", idle.serverCpuNanos / 1e6 / idle.seconds());

		Connector.Batch senderBatch = context.connector().open(1, 1, new WsConnection.Listener() {
		}, (c) -> {
		}, null);
		senderBatch.await(30);
		WsConnection sender = senderBatch.list().get(0);
		for (int seq = 0; seq < BROADCASTS; seq++) {
			String prefix = (seq == 0) ? "broadcast" : "broadcast2";
			Window window = Window.start(stats);
			long sentAt = send(sender, seq);
			long got = BroadcastFanOut.awaitCount(this.received[seq], 0, members, 200);
			window.stopAt(this.lastDelivery[seq].get());
			long last = this.lastDelivery[seq].get();
			long first = this.firstDelivery[seq].get();
			result.put(prefix + "_ms", (got == 0) ? Double.NaN : (last - sentAt) / 1e6)
				.put(prefix + "_first_ms", (got == 0) ? Double.NaN : (first - sentAt) / 1e6)
				.put(prefix + "_received", got)
				.put(prefix + "_lost", members - got)
				.put(prefix + "_server_cpu_ms", window.serverCpuNanos / 1e6);
			Thread.sleep(1000);
		}
		result.put("broadcast_duplicated", this.duplicated.get())
			.put("rss_after_broadcast_mb", stats.serverRssBytes() / 1048576.0);
		senderBatch.closeAll();
		closeAll();
	}

	/**
	 * Start {@code count} connections at {@code rate} per second, at most
	 * {@code inFlight} unfinished at a time, and wait until each has joined or failed.
	 */
	private void connectAll(LoadContext context, List<Bootstrap> bootstraps, int count, int rate, int inFlight)
			throws InterruptedException {
		Semaphore permits = new Semaphore(inFlight);
		CountDownLatch done = new CountDownLatch(count);
		WsConnection.Listener listener = new WsConnection.Listener() {
			@Override
			public void onConnected(WsConnection connection) {
				IdleBroadcast.this.connections.add(connection);
				connection.sendText("421[\"join\",\"" + ROOM + "\"]");
			}

			@Override
			public void onFailed(WsConnection connection, Throwable cause) {
				if (IdleBroadcast.this.failures.incrementAndGet() == 1) {
					System.err.println("S8 connect failed: " + cause);
				}
				finished(connection);
			}

			@Override
			public void onText(WsConnection connection, ByteBuf packet) {
				int type = packet.getByte(packet.readerIndex() + 1);
				if (type == '3' && connection.state == null) {
					connection.state = new int[1];
					IdleBroadcast.this.joined.incrementAndGet();
					finished(connection);
				}
				else if (type == '2') {
					onMessage(connection, packet);
				}
			}

			@Override
			public void onClosed(WsConnection connection) {
				if (connection.state == null) {
					// connected but closed before the join ack
					IdleBroadcast.this.failures.incrementAndGet();
					finished(connection);
				}
			}

			private void finished(WsConnection connection) {
				permits.release();
				done.countDown();
			}
		};
		long begin = System.nanoTime();
		long intervalNanos = 1_000_000_000L / rate;
		for (int i = 0; i < count; i++) {
			long wait = begin + i * intervalNanos - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			if (!permits.tryAcquire(60, TimeUnit.SECONDS)) {
				System.err.println("S8: no handshake finished for 60 s; stopping at " + i + " of " + count);
				for (int rest = i; rest < count; rest++) {
					this.failures.incrementAndGet();
					done.countDown();
				}
				break;
			}
			WsConnection.open(bootstraps.get(i % bootstraps.size()), context.websocketUri(), listener);
		}
		if (!done.await(120, TimeUnit.SECONDS)) {
			System.err.println("S8: " + done.getCount() + " handshakes unfinished after 120 s");
		}
	}

	private long send(WsConnection sender, int seq) throws InterruptedException {
		AtomicLong sentAt = new AtomicLong();
		CountDownLatch sent = new CountDownLatch(1);
		sender.channel().eventLoop().execute(() -> {
			sentAt.set(System.nanoTime());
			sender.sendText(BroadcastFanOut.broadcastPacket(ROOM, seq));
			sent.countDown();
		});
		sent.await(10, TimeUnit.SECONDS);
		return sentAt.get();
	}

	private void onMessage(WsConnection connection, ByteBuf packet) {
		long now = System.nanoTime();
		int seq = BroadcastFanOut.sequenceOf(packet);
		if (seq < 0 || seq >= BROADCASTS || !(connection.state instanceof int[] seen)) {
			return;
		}
		if ((seen[0] & (1 << seq)) != 0) {
			this.duplicated.incrementAndGet();
			return;
		}
		seen[0] |= 1 << seq;
		this.firstDelivery[seq].compareAndSet(0, now);
		this.lastDelivery[seq].accumulateAndGet(now, Math::max);
		this.received[seq].incrementAndGet();
	}

	private void closeAll() throws InterruptedException {
		List<WsConnection> all = new ArrayList<>(this.connections);
		CountDownLatch closed = new CountDownLatch(all.size());
		for (WsConnection connection : all) {
			if (connection.channel() == null) {
				closed.countDown();
			}
			else {
				connection.channel().close().addListener((f) -> closed.countDown());
			}
		}
		closed.await(60, TimeUnit.SECONDS);
		this.connections.clear();
	}

}
