package dev.realtime.socketio.benchmarks.load;

import java.net.URI;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * S2U: S2 over sessions that open with long polling and then upgrade to a WebSocket, as
 * the official clients do by default. The handshake GET and the WebSocket are two
 * connections, which the server may have accepted on two different event loops.
 */
final class UpgradedAckRoundTrip extends AckRoundTrip {

	@Override
	Connector.Batch open(LoadContext context, int clients, WsConnection.Listener listener,
			Consumer<WsConnection> onConnected) {
		Connector.Batch batch = new Connector.Batch(clients);
		WsConnection.Listener upgraded = new WsConnection.Listener() {
			@Override
			public void onConnected(WsConnection connection) {
				batch.connections.add(connection);
				onConnected.accept(connection);
				batch.done.countDown();
			}

			@Override
			public void onFailed(WsConnection connection, Throwable cause) {
				if (batch.failures.incrementAndGet() == 1) {
					System.err.println("upgrade failed: " + cause);
				}
				batch.done.countDown();
			}

			@Override
			public void onText(WsConnection connection, ByteBuf packet) {
				listener.onText(connection, packet);
			}
		};
		for (int i = 0; i < clients; i++) {
			EventLoop loop = context.group().next();
			HttpLane lane = new HttpLane(context.bootstrap(), context.host(), context.port(), loop);
			loop.execute(() -> lane.get("/socket.io/?EIO=4&transport=polling", (body) -> {
				int start = body.indexOf("\"sid\":\"") + 7;
				if (start < 7) {
					upgraded.onFailed(null, new IllegalStateException("no handshake: " + body));
					return;
				}
				String sid = body.substring(start, body.indexOf('"', start));
				// The CONNECT reply waits in the poll buffer and comes over the
				// WebSocket.
				lane.post("/socket.io/?EIO=4&transport=polling&sid=" + sid, "40", (ok) -> {
					WsConnection.upgrade(context.bootstrap(), URI.create(context.websocketUri() + "&sid=" + sid),
							upgraded);
					lane.close();
				});
			}));
		}
		return batch;
	}

}
