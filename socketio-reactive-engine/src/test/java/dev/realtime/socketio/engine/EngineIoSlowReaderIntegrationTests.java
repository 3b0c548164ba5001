package dev.realtime.socketio.engine;

import java.io.EOFException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.realtime.socketio.engine.packet.EnginePacket;
import io.netty.util.internal.PlatformDependent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that stop reading, over real sockets: a session past its own limit loses its
 * connection within the close timeout, and past the server's total budget the sessions
 * holding the most are shed, while the clients that read get every message.
 */
class EngineIoSlowReaderIntegrationTests {

	private static final String HANDSHAKE = "EIO=4&transport=websocket";

	private final Map<String, String> closeReasons = new ConcurrentHashMap<>();

	private final List<EngineIoSocket> sockets = new CopyOnWriteArrayList<>();

	private final List<TcpWebSocket> clients = new ArrayList<>();

	private EngineIoServer engine;

	private EngineIoTestServer server;

	private void start(EngineIoOptions options) {
		this.engine = EngineIoServer.create(options);
		this.engine.addListener(new EngineIoServerListener() {

			@Override
			public void sessionClosed(EngineIoSocket socket, String reason) {
				EngineIoSlowReaderIntegrationTests.this.closeReasons.put(socket.id(), reason);
			}

		});
		this.engine.onConnection(this.sockets::add);
		this.server = EngineIoTestServer.start(this.engine);
	}

	@AfterEach
	void stop() throws Exception {
		for (TcpWebSocket client : this.clients) {
			client.close();
		}
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void clientThatStopsReadingLosesItsConnectionAfterTheCloseTimeout() throws Exception {
		start(EngineIoTestServer.slowHeartbeat()
			// More than the kernel takes into its socket buffers, so that part stays in
			// Netty's
			.maxBufferedBytes(8 * 1024 * 1024)
			.closeTimeout(Duration.ofMillis(200))
			.build());
		TcpWebSocket stalled = connect(4096);
		await().until(() -> this.sockets.size() == 1);
		EngineIoSession session = (EngineIoSession) this.sockets.get(0);
		WebSocketTransport ws = session.webSockets().current();
		List<EnginePacket> chunk = List.of(EnginePacket.message(new byte[64 * 1024]));
		int offered = 0;
		while (session.isOpen() && offered < 1600) {
			session.send(chunk);
			offered++;
		}
		await().until(() -> EngineIoCloseReason.BUFFER_OVERFLOW.equals(this.closeReasons.get(session.id())));
		// Before the fix the close frame waited behind the full buffer for as long as the
		// client did not read: the connection, and its buffer, stayed.
		await().until(() -> !ws.isOpen());
		int binaryFrames = 0;
		boolean closeFrame = false;
		try {
			for (TcpWebSocket.Frame frame = stalled.next(); frame != null; frame = stalled.next()) {
				binaryFrames += (frame.opcode() == TcpWebSocket.BINARY) ? 1 : 0;
				closeFrame |= frame.opcode() == TcpWebSocket.CLOSE;
			}
		}
		catch (EOFException ex) {
			// Dropped in the middle of a frame
		}
		assertThat(binaryFrames).as("frames that reached the client before the connection was dropped")
			.isLessThan(offered);
		assertThat(closeFrame).as("a close frame: it was dropped with the buffer").isFalse();
	}

	@Test
	void slowReadersAreShedAtTheTotalBudgetWhileReadersAreServed() throws Exception {
		// The per-session limit is out of the way: only the total budget can stop the
		// growth.
		Flood flood = new Flood(40, 3, 64 * 1024, 256, 16L * 1024 * 1024);
		start(EngineIoTestServer.slowHeartbeat()
			.maxBufferedBytes(256L * 1024 * 1024)
			.maxTotalBufferedBytes(flood.budget())
			.build());
		long peak = flood(flood);
		// Unbounded, the 40 readers would hold 40 x (16 MiB minus what the kernel takes),
		// about
		// 480 MiB. Netty's allocator keeps some chunks beyond what is in use, hence the
		// margin.
		assertThat(peak).as("peak direct memory above the baseline").isLessThan(8 * flood.budget());
	}

	/**
	 * The case with the defaults, under {@code -Xmx512m} (the soak profile): 40
	 * clients that stop reading, 30 MB broadcast to everyone.
	 */
	@Test
	@Tag("soak")
	void slowReadersUnderABroadcastFloodWithTheDefaults() throws Exception {
		EngineIoOptions defaults = EngineIoTestServer.slowHeartbeat().build();
		start(defaults);
		long peak = flood(new Flood(40, 5, 64 * 1024, 480, defaults.maxTotalBufferedBytes()));
		System.out.println("slow readers, defaults: peak direct memory " + (peak >> 20) + " MiB above the baseline");
		assertThat(peak).isLessThan(3 * defaults.maxTotalBufferedBytes());
	}

	/**
	 * Broadcast to slow and reading clients alike, paced by the readers (as a chat is
	 * paced by its users), and return the peak of direct memory above the baseline.
	 */
	private long flood(Flood flood) throws Exception {
		long baseline = directMemory();
		for (int i = 0; i < flood.slow(); i++) {
			connect(4096);
		}
		List<Reader> readers = new ArrayList<>();
		for (int i = 0; i < flood.readers(); i++) {
			readers.add(new Reader(connect(0)));
		}
		await().until(() -> this.sockets.size() == flood.slow() + flood.readers());
		List<EngineIoSocket> slow = this.sockets.subList(0, flood.slow());
		readers.forEach(Reader::start);
		byte[] text = new byte[flood.messageSize()];
		Arrays.fill(text, (byte) 'x');
		List<EnginePacket> message = List.of(EnginePacket.message(new String(text, StandardCharsets.US_ASCII)));
		AtomicLong peak = new AtomicLong();
		AtomicLong peakHeld = new AtomicLong();
		for (int i = 0; i < flood.messages(); i++) {
			int sent = i;
			// A window of 4 messages ahead of the slowest reader: when the budget first
			// sheds, each slow reader has about budget / slow (6 messages here) unread,
			// more
			// than a reader can fall behind.
			await().until(() -> readers.stream().allMatch((reader) -> reader.received.get() >= sent - 4));
			for (EngineIoSocket socket : this.sockets) {
				socket.send(message);
			}
			peak.accumulateAndGet(directMemory() - baseline, Math::max);
			peakHeld.accumulateAndGet(held(), Math::max);
		}
		await().until(() -> readers.stream().allMatch((reader) -> reader.received.get() == flood.messages()));
		for (Reader reader : readers) {
			assertThat(reader.failure).isNull();
		}
		List<EngineIoSocket> shed = slow.stream().filter((socket) -> !socket.isOpen()).toList();
		assertThat(shed).as("slow readers shed").isNotEmpty();
		assertThat(shed).allSatisfy((socket) -> assertThat(this.closeReasons.get(socket.id()))
			.isEqualTo(EngineIoCloseReason.BUFFER_OVERFLOW));
		long held = held();
		assertThat(held).as("bytes the remaining slow readers hold").isLessThanOrEqualTo(flood.budget());
		// Sampled while other loops write: a shed follows the write that crossed the
		// budget.
		assertThat(peakHeld.get()).as("peak of the bytes held for all sessions").isLessThan(2 * flood.budget());
		assertThat(this.sockets.subList(flood.slow(), this.sockets.size())).allMatch(EngineIoSocket::isOpen);
		System.out.println("slow readers: " + shed.size() + " of " + slow.size() + " shed, " + (held >> 10)
				+ " KiB held by the others at the end, at most " + (peakHeld.get() >> 20)
				+ " MiB held in all, peak direct memory " + (peak.get() >> 20) + " MiB above the baseline");
		return peak.get();
	}

	/** The bytes written to the sessions' channels and not yet taken by their peers. */
	private long held() {
		long held = 0;
		for (EngineIoSocket socket : this.sockets) {
			WebSocketTransport ws = ((EngineIoSession) socket).webSockets().current();
			if (ws != null && ws.isOpen()) {
				held += ws.pendingBytes();
			}
		}
		return held;
	}

	private TcpWebSocket connect(int receiveBuffer) throws Exception {
		TcpWebSocket client = TcpWebSocket.open(this.server.port(), HANDSHAKE, receiveBuffer);
		this.clients.add(client);
		return client;
	}

	/**
	 * Direct memory in use: the JVM's pool or Netty's own count, whichever is larger
	 * (Netty counts the buffers it allocates through the pool too).
	 */
	private static long directMemory() {
		long pool = 0;
		for (BufferPoolMXBean bean : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
			if ("direct".equals(bean.getName())) {
				pool += bean.getMemoryUsed();
			}
		}
		return Math.max(pool, PlatformDependent.usedDirectMemory());
	}

	private record Flood(int slow, int readers, int messageSize, int messages, long budget) {
	}

	/** A client that reads everything, on its own thread, and counts the messages. */
	private static final class Reader extends Thread {

		private final TcpWebSocket ws;

		final AtomicInteger received = new AtomicInteger();

		volatile Throwable failure;

		Reader(TcpWebSocket ws) {
			this.ws = ws;
			setDaemon(true);
		}

		@Override
		public void run() {
			try {
				assertThat(this.ws.nextText()).startsWith("0{");
				while (true) {
					String text = this.ws.nextText();
					if (text.charAt(0) == '4') {
						this.received.incrementAndGet();
					}
				}
			}
			catch (Throwable ex) {
				if (!(ex instanceof SocketException)) {
					this.failure = ex;
				}
			}
		}

	}

}
