package dev.realtime.socketio.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import static org.awaitility.Awaitility.await;

/**
 * A Redis Cluster of three masters without replicas: Debian's {@code redis-server} 7 on
 * free loopback ports, each in a temporary directory, joined with
 * {@code redis-cli --cluster create}. A test may stop one master and start it again on
 * the same port (its slots are unreachable meanwhile, there being no replica).
 */
public final class TestRedisCluster implements AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final Path directory;

	private final int[] ports;

	private final Process[] processes;

	private final ClientResources resources = ClientResources.builder()
		.reconnectDelay(Delay.constant(Duration.ofMillis(100)))
		.build();

	private TestRedisCluster(Path directory, int[] ports) {
		this.directory = directory;
		this.ports = ports;
		this.processes = new Process[ports.length];
	}

	public static TestRedisCluster start() {
		Path directory;
		try {
			directory = Files.createTempDirectory("redis-cluster");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		TestRedisCluster cluster = new TestRedisCluster(directory, freePorts(3));
		try {
			for (int i = 0; i < cluster.ports.length; i++) {
				cluster.startNode(i);
			}
			List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
			for (int port : cluster.ports) {
				create.add("127.0.0.1:" + port);
			}
			create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
			run(create);
			for (int port : cluster.ports) {
				await().atMost(WAIT)
					.pollInterval(Duration.ofMillis(50))
					.until(() -> run(List.of("redis-cli", "-p", String.valueOf(port), "cluster", "info"))
						.contains("cluster_state:ok"));
			}
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	public ClientResources resources() {
		return this.resources;
	}

	public List<RedisURI> seeds() {
		List<RedisURI> seeds = new ArrayList<>();
		for (int port : this.ports) {
			seeds.add(RedisURI.create("127.0.0.1", port));
		}
		return seeds;
	}

	/** {@code host:port,...}, as {@code spring.data.redis.cluster.nodes} takes them. */
	public String nodes() {
		StringBuilder nodes = new StringBuilder();
		for (int port : this.ports) {
			nodes.append((nodes.length() > 0) ? "," : "").append("127.0.0.1:").append(port);
		}
		return nodes.toString();
	}

	public int port(int node) {
		return this.ports[node];
	}

	/** The port of the master that owns a key's (or shard channel's) slot. */
	public int portOf(String key) {
		String slot = run(List.of("redis-cli", "-p", String.valueOf(this.ports[0]), "cluster", "keyslot", key)).trim();
		for (int port : this.ports) {
			if (servesSlot(port, Integer.parseInt(slot))) {
				return port;
			}
		}
		throw new IllegalStateException("No node serves slot " + slot);
	}

	private static boolean servesSlot(int port, int slot) {
		for (String line : run(List.of("redis-cli", "-p", String.valueOf(port), "cluster", "nodes")).split("\n")) {
			if (!line.contains("myself")) {
				continue;
			}
			String[] fields = line.trim().split(" ");
			for (int i = 8; i < fields.length; i++) {
				String[] range = fields[i].split("-");
				int from = Integer.parseInt(range[0]);
				int to = (range.length > 1) ? Integer.parseInt(range[1]) : from;
				if (slot >= from && slot <= to) {
					return true;
				}
			}
		}
		return false;
	}

	public int index(int port) {
		for (int i = 0; i < this.ports.length; i++) {
			if (this.ports[i] == port) {
				return i;
			}
		}
		throw new IllegalArgumentException("Not a node: " + port);
	}

	public synchronized void stopNode(int node) {
		Process process = this.processes[node];
		if (process != null) {
			process.destroyForcibly();
			try {
				process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.processes[node] = null;
		}
	}

	/** Start a node (again): it reads its cluster layout back from its directory. */
	public synchronized void startNode(int node) {
		int port = this.ports[node];
		Path dir = this.directory.resolve(String.valueOf(port));
		try {
			Files.createDirectories(dir);
			this.processes[node] = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind",
					"127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
					"--cluster-node-timeout", "2000", "--save", "", "--appendonly", "no", "--dir", dir.toString())
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("redis.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start redis-server (apt-get install redis-server)", ex);
		}
		await().atMost(WAIT)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> run(List.of("redis-cli", "-p", String.valueOf(port), "ping")).contains("PONG"));
	}

	/** Wait until every node sees the cluster whole again after a restart. */
	public void awaitHealthy() {
		for (int port : this.ports) {
			await().atMost(WAIT)
				.pollInterval(Duration.ofMillis(50))
				.until(() -> run(List.of("redis-cli", "-p", String.valueOf(port), "cluster", "info"))
					.contains("cluster_state:ok"));
		}
	}

	private static String run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Timed out: " + command);
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Free ports whose cluster bus port (port + 10000) is free too. */
	private static int[] freePorts(int count) {
		int[] ports = new int[count];
		int found = 0;
		while (found < count) {
			int port = ThreadLocalRandom.current().nextInt(20000, 30000);
			if (isFree(port) && isFree(port + 10000)) {
				ports[found++] = port;
			}
		}
		return ports;
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		for (int i = 0; i < this.processes.length; i++) {
			stopNode(i);
		}
		this.resources.shutdown();
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory
		}
	}

}
