package dev.realtime.socketio.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import redis.embedded.RedisServer;

/**
 * A Redis server (the binary embedded-redis ships) on a free loopback port, which a test
 * may stop and start again on the same port.
 *
 * @since 0.1.0
 */
public final class TestRedis implements AutoCloseable {

	private final int port;

	private RedisServer server;

	/**
	 * Lettuce resources that reconnect fast, so outage tests do not wait for the default
	 * back-off.
	 */
	private final ClientResources resources = ClientResources.builder()
		.reconnectDelay(Delay.constant(Duration.ofMillis(100)))
		.build();

	private TestRedis(int port) {
		this.port = port;
	}

	public static TestRedis start() {
		TestRedis redis = new TestRedis(freePort());
		redis.startServer();
		return redis;
	}

	public int port() {
		return this.port;
	}

	public ClientResources resources() {
		return this.resources;
	}

	public String uri() {
		return "redis://127.0.0.1:" + this.port;
	}

	public synchronized void startServer() {
		try {
			this.server = RedisServer.newRedisServer()
				.port(this.port)
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start Redis on port " + this.port, ex);
		}
	}

	public synchronized void stopServer() {
		try {
			if (this.server != null) {
				this.server.stop();
				this.server = null;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not stop Redis on port " + this.port, ex);
		}
	}

	@Override
	public void close() {
		try {
			this.resources.shutdown().syncUninterruptibly();
		}
		finally {
			stopServer();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
