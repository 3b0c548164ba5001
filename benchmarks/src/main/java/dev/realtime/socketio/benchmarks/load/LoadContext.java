package dev.realtime.socketio.benchmarks.load;

import java.net.URI;
import java.util.Map;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;

/**
 * What every scenario needs: the client event loops, the server's address, its process
 * and the run's scale and durations.
 *
 * @param group the generator's event loops
 * @param bootstrap a client bootstrap on them (TCP_NODELAY, SO_LINGER 0)
 * @param host the server host
 * @param port the server port
 * @param stats the server process
 * @param scale multiplies every connection and message count (1 = the spec's numbers)
 * @param warmupSeconds the warm-up before each measured window
 * @param measureSeconds the length of each measured window
 * @param secondPort the port of the second server node (S7), or 0
 * @param brokerStats the broker process of S7 (Redis) or S7PG (the Postgres postmaster
 * and its backends), from {@code --broker-pid} or {@code --redis-pid}; pid 0 without one
 * @param options every command-line option (scenario-specific ones such as S8's
 * {@code --connections})
 */
record LoadContext(EventLoopGroup group, Bootstrap bootstrap, String host, int port, ProcessStats stats, double scale,
		double warmupSeconds, double measureSeconds, int secondPort, ProcessStats brokerStats,
		Map<String, String> options) {

	/** An integer option, or the default when it is absent. */
	int intOption(String name, int defaultValue) {
		String value = this.options.get(name);
		return (value == null || value.isBlank()) ? defaultValue : Integer.parseInt(value.trim());
	}

	URI websocketUri() {
		return websocketUri(this.port);
	}

	URI websocketUri(int serverPort) {
		return URI.create("ws://" + this.host + ":" + serverPort + "/socket.io/?EIO=4&transport=websocket");
	}

	Connector connector() {
		return new Connector(this.bootstrap, websocketUri());
	}

	/** A connector to the server on another port (the second node of S7). */
	Connector connector(int serverPort) {
		return new Connector(this.bootstrap, websocketUri(serverPort));
	}

	int scaled(int count) {
		return Math.max(2, (int) Math.round(count * this.scale));
	}

	long warmupMillis() {
		return (long) (this.warmupSeconds * 1000);
	}

	long measureMillis() {
		return (long) (this.measureSeconds * 1000);
	}

}
