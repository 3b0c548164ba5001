package dev.realtime.socketio.benchmarks.load;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.netty.bootstrap.Bootstrap;

/**
 * Opens many websocket-only connections with a bounded number of handshakes in flight,
 * and records the connect latency of each.
 */
final class Connector {

	private final Bootstrap bootstrap;

	private final URI uri;

	Connector(Bootstrap bootstrap, URI uri) {
		this.bootstrap = bootstrap;
		this.uri = uri;
	}

	/**
	 * Open {@code count} connections, at most {@code inFlight} handshakes at a time.
	 * @param onConnected called on the connection's loop once it is connected (before it
	 * counts as done); may send, for example a join
	 * @param listener hears packets after the connect
	 * @param latencies receives each connect latency, or {@code null}
	 */
	Batch open(int count, int inFlight, WsConnection.Listener listener, Consumer<WsConnection> onConnected,
			Latencies latencies) {
		Batch batch = new Batch(count);
		WsConnection.Listener wrapped = new WsConnection.Listener() {
			@Override
			public void onConnected(WsConnection connection) {
				if (latencies != null) {
					latencies.record(connection.connectNanos);
				}
				batch.connections.add(connection);
				onConnected.accept(connection);
				batch.done.countDown();
				next(batch, this);
			}

			@Override
			public void onFailed(WsConnection connection, Throwable cause) {
				if (batch.failures.incrementAndGet() == 1) {
					System.err.println("connect failed: " + cause);
				}
				batch.done.countDown();
				next(batch, this);
			}

			@Override
			public void onPing(WsConnection connection) {
				listener.onPing(connection);
			}

			@Override
			public void onText(WsConnection connection, io.netty.buffer.ByteBuf packet) {
				listener.onText(connection, packet);
			}

			@Override
			public void onBinary(WsConnection connection, io.netty.buffer.ByteBuf attachment) {
				listener.onBinary(connection, attachment);
			}

			@Override
			public void onClosed(WsConnection connection) {
				listener.onClosed(connection);
			}
		};
		for (int i = 0; i < Math.min(inFlight, count); i++) {
			next(batch, wrapped);
		}
		return batch;
	}

	private void next(Batch batch, WsConnection.Listener listener) {
		if (batch.started.getAndIncrement() < batch.count) {
			WsConnection.open(this.bootstrap, this.uri, listener);
		}
	}

	static final class Batch {

		final int count;

		final AtomicInteger started = new AtomicInteger();

		final AtomicInteger failures = new AtomicInteger();

		final Queue<WsConnection> connections = new ConcurrentLinkedQueue<>();

		final CountDownLatch done;

		Batch(int count) {
			this.count = count;
			this.done = new CountDownLatch(count);
		}

		boolean await(long seconds) throws InterruptedException {
			return this.done.await(seconds, TimeUnit.SECONDS);
		}

		List<WsConnection> list() {
			return new ArrayList<>(this.connections);
		}

		/**
		 * Close every connection (RST: the bootstrap sets SO_LINGER 0) and wait for the
		 * closes.
		 */
		void closeAll() throws InterruptedException {
			List<WsConnection> all = list();
			CountDownLatch closed = new CountDownLatch(all.size());
			for (WsConnection connection : all) {
				if (connection.channel() == null) {
					closed.countDown();
				}
				else {
					connection.channel().close().addListener((f) -> closed.countDown());
				}
			}
			closed.await(30, TimeUnit.SECONDS);
			this.connections.clear();
		}

	}

}
