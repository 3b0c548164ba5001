package dev.realtime.socketio.benchmarks.load;

import java.util.List;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;

/**
 * S2: 50 clients, each a sequential loop of emit-with-ack (about 60 bytes on the wire):
 * acks/s, p50/p99, server CPU per ack.
 */
class AckRoundTrip extends ClosedLoopScenario {

	private static final String PAYLOAD = "{\"n\":1,\"text\":\"the quick brown fox jumps\"}]";

	@Override
	public void run(LoadContext context, Result result) throws Exception {
		int clients = Math.max(2, (int) Math.min(50, Math.round(50 * Math.max(context.scale(), 0.1))));
		Connector.Batch batch = open(context, clients, new WsConnection.Listener() {
			@Override
			public void onText(WsConnection connection, ByteBuf packet) {
				onAck(connection, packet);
			}
		}, (connection) -> connection.state = new long[2]);
		batch.await(60);
		List<WsConnection> connections = batch.list();
		for (WsConnection connection : connections) {
			connection.channel().eventLoop().execute(() -> send(connection));
		}
		Measurement measured = measure(context, 200);
		Window window = measured.window();
		Latencies.Snapshot snapshot = measured.latencies();
		long acks = snapshot.count();
		result.put("clients", connections.size())
			.put("acks_per_s", window.rate(acks))
			.put("p50_ms", snapshot.percentileMillis(50))
			.put("p99_ms", snapshot.percentileMillis(99))
			.put("server_cpu_us_per_ack", window.serverMicrosPer(acks))
			.put("gen_cpu_us_per_ack", window.generatorMicrosPer(acks));
		batch.closeAll();
	}

	/** Open the clients' WebSockets. */
	Connector.Batch open(LoadContext context, int clients, WsConnection.Listener listener,
			Consumer<WsConnection> onConnected) {
		return context.connector().open(clients, 256, listener, onConnected, null);
	}

	private void send(WsConnection connection) {
		long[] state = (long[]) connection.state;
		long id = ++state[0];
		state[1] = System.nanoTime();
		connection.sendText("42" + id + "[\"ack\"," + PAYLOAD);
	}

	private void onAck(WsConnection connection, ByteBuf packet) {
		if (packet.getByte(packet.readerIndex() + 1) != '3') {
			return;
		}
		long now = System.nanoTime();
		if (completed(((long[]) connection.state)[1], now)) {
			send(connection);
		}
	}

}
