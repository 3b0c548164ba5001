package dev.realtime.socketio.benchmarks.load;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import io.netty.buffer.ByteBuf;

/**
 * S3: 2 000 receivers in one room, a sender outside it. After the warm-up (a burst of 50,
 * then paced sends for the warm-up time, and on until the first heartbeat round is over),
 * paced at 20 msg/s for the measured time (latency p50/p99), then a burst of 100 messages
 * (deliveries/s, burst p99), server CPU per delivery.
 * <p>
 * The first heartbeat round: every server pings each receiver 25 s after it connected, so
 * the receivers that connected together all answer within a second or so. For a JVM
 * server that is the first time inbound frames come in bulk, and the JIT compiles the
 * read path then (measured: C2 busy for about a second, the broadcasts of that second 10
 * ms later). The paced messages sent during that round are reported apart
 * ({@code heartbeat_round_*}), and the measured window starts after it: it stands for a
 * server that has been up for a while, with the round's figures beside it.
 */
final class BroadcastFanOut implements Scenario {

	private static final String ROOM = "bench";

	private static final int MAX_MESSAGES = 10_000;

	/** How long after the last receiver's first ping the round still counts. */
	private static final long HEARTBEAT_ROUND_SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final String FILLER = "0123456789abcdef0123456789abcdef";

	private final AtomicLongArray sentAt = new AtomicLongArray(MAX_MESSAGES);

	private final AtomicLong delivered = new AtomicLong();

	/** Per message of the measured paced window: its first and its last delivery. */
	private final AtomicLongArray firstAt = new AtomicLongArray(MAX_MESSAGES);

	private final AtomicLongArray lastAt = new AtomicLongArray(MAX_MESSAGES);

	private final AtomicLong lastDelivery = new AtomicLong();

	/** Per message: 1 when sent during the first heartbeat round. */
	private final AtomicIntegerArray inHeartbeatRound = new AtomicIntegerArray(MAX_MESSAGES);

	private final Latencies heartbeatRoundLatencies = new Latencies();

	private final AtomicInteger pingedReceivers = new AtomicInteger();

	private final AtomicLong firstPingNanos = new AtomicLong();

	/**
	 * When the first heartbeat round counts as over (0 until every receiver was pinged).
	 */
	private volatile long heartbeatRoundOverNanos;

	private volatile int members = Integer.MAX_VALUE;

	private volatile Latencies latencies = new Latencies();

	private volatile boolean recording;

	private int nextSeq;

	@Override
	public void run(LoadContext context, Result result) throws Exception {
		int receivers = context.scaled(2000);
		CountDownLatch joined = new CountDownLatch(receivers);
		Connector connector = context.connector();
		Connector.Batch batch = connector.open(receivers, 256, new WsConnection.Listener() {
			@Override
			public void onFailed(WsConnection connection, Throwable cause) {
				joined.countDown();
			}

			@Override
			public void onPing(WsConnection connection) {
				if (connection.state == null) {
					connection.state = Boolean.TRUE;
					firstPing();
				}
			}

			@Override
			public void onText(WsConnection connection, ByteBuf packet) {
				int type = packet.getByte(packet.readerIndex() + 1);
				if (type == '3') {
					joined.countDown();
				}
				else if (type == '2') {
					onMessage(packet);
				}
			}
		}, (connection) -> connection.sendText("421[\"join\",\"" + ROOM + "\"]"), null);
		batch.await(120);
		joined.await(60, TimeUnit.SECONDS);
		Connector.Batch senderBatch = connector.open(1, 1, new WsConnection.Listener() {
			@Override
			public void onFailed(WsConnection connection, Throwable cause) {
			}
		}, (c) -> {
		}, null);
		senderBatch.await(30);
		WsConnection sender = senderBatch.list().get(0);
		int members = batch.list().size();
		this.members = members;
		if (this.pingedReceivers.get() >= members) {
			this.heartbeatRoundOverNanos = System.nanoTime() + HEARTBEAT_ROUND_SETTLE_NANOS;
		}
		result.put("receivers", members).put("connect_failures", batch.failures.get());

		// Warm-up as long as every other scenario's (WARMUP): a small burst, then paced
		// sends
		// right up to the measured ones. With one paced second only, the JVM servers were
		// still
		// compiling the broadcast path during the measured window, and the tail showed
		// it.
		burst(sender, 50, members);
		paced(sender, Math.max(20, (int) Math.round(20 * context.warmupSeconds())), members);
		long roundDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
		while (!heartbeatRoundOver() && System.nanoTime() < roundDeadline) {
			paced(sender, 20, members);
		}
		Latencies.Snapshot roundSnapshot = this.heartbeatRoundLatencies.snapshot();

		this.latencies = new Latencies();
		int pacedMessages = Math.max(10, (int) Math.round(20 * context.measureSeconds()));
		int firstPacedSeq = this.nextSeq;
		this.recording = true;
		Window pacedWindow = Window.start(context.stats());
		long pacedDelivered = paced(sender, pacedMessages, members);
		pacedWindow.stop();
		this.recording = false;
		Latencies.Snapshot pacedSnapshot = this.latencies.snapshot();
		result.put("paced_p50_ms", pacedSnapshot.percentileMillis(50))
			.put("paced_p99_ms", pacedSnapshot.percentileMillis(99))
			.put("paced_server_cpu_us_per_delivery", pacedWindow.serverMicrosPer(pacedDelivered))
			.put("paced_lost", (double) pacedMessages * members - pacedDelivered)
			.put("paced_first_p50_ms", medianSpreadMillis(this.firstAt, firstPacedSeq, pacedMessages))
			.put("paced_last_p50_ms", medianSpreadMillis(this.lastAt, firstPacedSeq, pacedMessages))
			.put("heartbeat_round_p50_ms", roundSnapshot.percentileMillis(50))
			.put("heartbeat_round_p99_ms", roundSnapshot.percentileMillis(99));

		this.latencies = new Latencies();
		this.recording = true;
		Window burstWindow = Window.start(context.stats());
		long burstDelivered = burst(sender, 100, members);
		burstWindow.stopAt(this.lastDelivery.get());
		this.recording = false;
		Latencies.Snapshot burstSnapshot = this.latencies.snapshot();
		result.put("deliveries_per_s", burstWindow.rate(burstDelivered))
			.put("burst_p50_ms", burstSnapshot.percentileMillis(50))
			.put("burst_p99_ms", burstSnapshot.percentileMillis(99))
			.put("server_cpu_us_per_delivery", burstWindow.serverMicrosPer(burstDelivered))
			.put("gen_cpu_us_per_delivery", burstWindow.generatorMicrosPer(burstDelivered))
			.put("burst_lost", 100.0 * members - burstDelivered);
		senderBatch.closeAll();
		batch.closeAll();
	}

	/**
	 * Send at 20 msg/s; return the deliveries once all arrived (or 10 s after the last
	 * send).
	 */
	private long paced(WsConnection sender, int messages, int members) throws InterruptedException {
		long start = this.delivered.get();
		long target = start + (long) messages * members;
		long begin = System.nanoTime();
		for (int i = 0; i < messages; i++) {
			long due = begin + i * 50_000_000L;
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
	private long burst(WsConnection sender, int messages, int members) throws InterruptedException {
		long start = this.delivered.get();
		long target = start + (long) messages * members;
		sender.channel().eventLoop().execute(() -> {
			for (int i = 0; i < messages; i++) {
				sendOne(sender);
			}
		});
		return awaitDeliveries(start, target);
	}

	private long awaitDeliveries(long start, long target) throws InterruptedException {
		return awaitCount(this.delivered, start, target, 0);
	}

	/**
	 * Wait until a counter reaches a target, for 30 s at most and 10 s without progress.
	 * @param graceMillis how long to wait after that, for late duplicates to be counted
	 * @return how far the counter went from {@code start}
	 */
	static long awaitCount(AtomicLong counter, long start, long target, long graceMillis) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		long last = -1;
		long lastChange = System.nanoTime();
		while (counter.get() < target && System.nanoTime() < deadline) {
			long now = counter.get();
			if (now != last) {
				last = now;
				lastChange = System.nanoTime();
			}
			else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(10)) {
				break;
			}
			Thread.sleep(1);
		}
		if (graceMillis > 0) {
			Thread.sleep(graceMillis);
		}
		return counter.get() - start;
	}

	/**
	 * The median over messages of the time from a send to one of its deliveries
	 * ({@code firstAt} or {@code lastAt}): how soon the server starts a broadcast and how
	 * long it takes to finish it, apart from how the deliveries spread in between.
	 */
	private double medianSpreadMillis(AtomicLongArray at, int firstSeq, int messages) {
		long[] values = new long[messages];
		for (int i = 0; i < messages; i++) {
			int seq = (firstSeq + i) % MAX_MESSAGES;
			values[i] = at.get(seq) - this.sentAt.get(seq);
		}
		Arrays.sort(values);
		return values[messages / 2] / 1_000_000.0;
	}

	/**
	 * A receiver's first ping: the round starts with the first and ends 1 s after the
	 * last.
	 */
	private void firstPing() {
		long now = System.nanoTime();
		this.firstPingNanos.compareAndSet(0, now);
		if (this.pingedReceivers.incrementAndGet() == this.members) {
			this.heartbeatRoundOverNanos = now + HEARTBEAT_ROUND_SETTLE_NANOS;
		}
	}

	private boolean heartbeatRoundOver() {
		long over = this.heartbeatRoundOverNanos;
		return over != 0 && System.nanoTime() - over >= 0;
	}

	private boolean inHeartbeatRound(long now) {
		long over = this.heartbeatRoundOverNanos;
		return this.firstPingNanos.get() != 0 && (over == 0 || now - over < 0);
	}

	private void sendOne(WsConnection sender) {
		int seq = this.nextSeq++ % MAX_MESSAGES;
		long now = System.nanoTime();
		this.inHeartbeatRound.set(seq, inHeartbeatRound(now) ? 1 : 0);
		this.sentAt.set(seq, now);
		sender.sendText(broadcastPacket(ROOM, seq));
	}

	/** {@code 42["broadcast",ROOM,{"s":SEQ,"p":"0123..."}]}: about 90 bytes. */
	static String broadcastPacket(String room, int seq) {
		return "42[\"broadcast\",\"" + room + "\",{\"s\":" + seq + ",\"p\":\"" + FILLER + "\"}]";
	}

	/** The sequence number of a {@code 42["msg",{"s":SEQ,...} packet. */
	static int sequenceOf(ByteBuf packet) {
		int index = packet.indexOf(packet.readerIndex(), packet.writerIndex(), (byte) ':');
		int seq = 0;
		for (int i = index + 1; i < packet.writerIndex(); i++) {
			int digit = packet.getByte(i) - '0';
			if (digit < 0 || digit > 9) {
				break;
			}
			seq = seq * 10 + digit;
		}
		return seq;
	}

	private void onMessage(ByteBuf packet) {
		long now = System.nanoTime();
		int seq = sequenceOf(packet);
		if (this.inHeartbeatRound.get(seq) == 1) {
			this.heartbeatRoundLatencies.record(now - this.sentAt.get(seq));
		}
		if (this.recording) {
			this.latencies.record(now - this.sentAt.get(seq));
			this.firstAt.compareAndSet(seq, 0, now);
			long last = this.lastAt.get(seq);
			while (now > last && !this.lastAt.compareAndSet(seq, last, now)) {
				last = this.lastAt.get(seq);
			}
		}
		this.lastDelivery.set(now);
		this.delivered.incrementAndGet();
	}

}
