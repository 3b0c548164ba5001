package dev.realtime.socketio.benchmarks.load;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.netty.buffer.ByteBuf;

/**
 * S6: 64 KB binary payloads over WebSocket: 16 clients, each a sequential loop of
 * {@code echo} with one binary argument (a text header frame plus one binary frame each
 * way): echoes/s, MB/s, p50/p99, server CPU per echo.
 */
final class BinaryEcho extends ClosedLoopScenario {

	private static final int SIZE = 64 * 1024;

	private static final String HEADER = "451-[\"echo\",{\"_placeholder\":true,\"num\":0}]";

	private final byte[] payload = new byte[SIZE];

	@Override
	public void run(LoadContext context, Result result) throws Exception {
		ThreadLocalRandom.current().nextBytes(this.payload);
		int clients = Math.max(2, (int) Math.min(16, Math.round(16 * Math.max(context.scale(), 0.1))));
		Connector.Batch batch = context.connector().open(clients, 256, new WsConnection.Listener() {
			@Override
			public void onBinary(WsConnection connection, ByteBuf attachment) {
				onEcho(connection, attachment);
			}
		}, (connection) -> connection.state = new long[1], null);
		batch.await(60);
		List<WsConnection> connections = batch.list();
		for (WsConnection connection : connections) {
			connection.channel().eventLoop().execute(() -> send(connection));
		}
		Measurement measured = measure(context, 300);
		Window window = measured.window();
		Latencies.Snapshot snapshot = measured.latencies();
		long echoes = snapshot.count();
		result.put("clients", connections.size())
			.put("echoes_per_s", window.rate(echoes))
			.put("mb_per_s", window.rate(echoes) * SIZE / 1048576.0)
			.put("p50_ms", snapshot.percentileMillis(50))
			.put("p99_ms", snapshot.percentileMillis(99))
			.put("server_cpu_us_per_echo", window.serverMicrosPer(echoes))
			.put("gen_cpu_us_per_echo", window.generatorMicrosPer(echoes));
		batch.closeAll();
	}

	private void send(WsConnection connection) {
		((long[]) connection.state)[0] = System.nanoTime();
		connection.sendTextNoFlush(HEADER);
		connection.sendBinary(this.payload, true);
	}

	private void onEcho(WsConnection connection, ByteBuf attachment) {
		long now = System.nanoTime();
		if (attachment.readableBytes() != SIZE) {
			return;
		}
		if (completed(((long[]) connection.state)[0], now)) {
			send(connection);
		}
	}

}
