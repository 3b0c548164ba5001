package dev.realtime.socketio.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.EventLoop;

/**
 * S5: 50 polling-only clients, each a sequential loop of {@code echo}: a long-poll GET is
 * always pending on one connection, the event is POSTed on a second one, and the round
 * trip ends when the GET returns the echo. Echoes/s, p50/p99, server CPU per echo. S5C:
 * the same with a new TCP connection for every request ({@code Connection: close}), which
 * is how the official Node client polls with its default agent, so a harness built on it
 * measures connection setup and teardown as much as the echo.
 */
final class PollingEcho extends ClosedLoopScenario {

	private final boolean keepAlive;

	PollingEcho(boolean keepAlive) {
		this.keepAlive = keepAlive;
	}

	private static final String PAYLOAD = "{\"n\":1,\"text\":\"the quick brown fox jumps\"}]";

	private static final char SEPARATOR = '\u001e';

	private final AtomicInteger failures = new AtomicInteger();

	@Override
	public void run(LoadContext context, Result result) throws Exception {
		int count = Math.max(2, (int) Math.min(50, Math.round(50 * Math.max(context.scale(), 0.1))));
		CountDownLatch connected = new CountDownLatch(count);
		List<Client> clients = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			EventLoop loop = context.group().next();
			Client client = new Client(
					new HttpLane(context.bootstrap(), context.host(), context.port(), loop, this.keepAlive),
					new HttpLane(context.bootstrap(), context.host(), context.port(), loop, this.keepAlive), connected);
			clients.add(client);
			loop.execute(client::handshake);
		}
		if (!connected.await(60, TimeUnit.SECONDS)) {
			System.err.println("polling clients not connected: " + connected.getCount());
		}
		Measurement measured = measure(context, 300);
		Window window = measured.window();
		Latencies.Snapshot snapshot = measured.latencies();
		long echoes = snapshot.count();
		result.put("clients", count - connected.getCount())
			.put("echoes_per_s", window.rate(echoes))
			.put("p50_ms", snapshot.percentileMillis(50))
			.put("p99_ms", snapshot.percentileMillis(99))
			.put("server_cpu_us_per_echo", window.serverMicrosPer(echoes))
			.put("gen_cpu_us_per_echo", window.generatorMicrosPer(echoes))
			.put("errors", this.failures.get());
		for (Client client : clients) {
			client.close();
		}
		Thread.sleep(200);
	}

	private final class Client {

		private final HttpLane getLane;

		private final HttpLane postLane;

		private final CountDownLatch connected;

		private String uri;

		private long sentAt;

		private boolean ready;

		Client(HttpLane getLane, HttpLane postLane, CountDownLatch connected) {
			this.getLane = getLane;
			this.postLane = postLane;
			this.connected = connected;
		}

		void handshake() {
			this.postLane.get("/socket.io/?EIO=4&transport=polling", (body) -> {
				int start = body.indexOf("\"sid\":\"") + 7;
				if (!body.startsWith("0") || start < 7) {
					PollingEcho.this.failures.incrementAndGet();
					return;
				}
				String sid = body.substring(start, body.indexOf('"', start));
				this.uri = "/socket.io/?EIO=4&transport=polling&sid=" + sid;
				this.postLane.post(this.uri, "40", this::onPostReply);
				poll();
			});
		}

		private void poll() {
			this.getLane.get(this.uri, this::onPayload);
		}

		private void onPostReply(String body) {
			if (!"ok".equals(body)) {
				PollingEcho.this.failures.incrementAndGet();
			}
		}

		private void onPayload(String body) {
			boolean echoed = false;
			boolean closed = false;
			int start = 0;
			while (start <= body.length()) {
				int end = body.indexOf(SEPARATOR, start);
				if (end < 0) {
					end = body.length();
				}
				if (end > start) {
					char type = body.charAt(start);
					if (type == '2') {
						this.postLane.post(this.uri, "3", this::onPostReply);
					}
					else if (type == '1') {
						closed = true;
					}
					else if (type == '4' && end - start > 1) {
						char packet = body.charAt(start + 1);
						if (packet == '0' && !this.ready) {
							this.ready = true;
							this.connected.countDown();
							echoed = true;
						}
						else if (packet == '2') {
							echoed = true;
							completed(this.sentAt, System.nanoTime());
						}
					}
				}
				start = end + 1;
			}
			if (closed || body.isEmpty() && this.uri == null) {
				PollingEcho.this.failures.incrementAndGet();
				return;
			}
			if (!running()) {
				return;
			}
			poll();
			if (echoed) {
				this.sentAt = System.nanoTime();
				this.postLane.post(this.uri, "42[\"echo\"," + PAYLOAD, this::onPostReply);
			}
		}

		void close() {
			this.getLane.close();
			this.postLane.close();
		}

	}

}
