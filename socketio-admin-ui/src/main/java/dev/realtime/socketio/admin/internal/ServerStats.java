package dev.realtime.socketio.admin.internal;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.realtime.socketio.engine.EngineIoTransport;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.SocketIoServer;

/**
 * The {@code server_stats} message of this node: its id, host, pid and uptime, its
 * Engine.IO connections (all, and those still on polling), its namespaces with their
 * socket counts, and the aggregated counts since the last message.
 */
final class ServerStats {

	private final SocketIoServer server;

	private final EventBuffer events;

	private final String serverId;

	private final String hostname;

	private final long pid = ProcessHandle.current().pid();

	ServerStats(SocketIoServer server, EventBuffer events, @Nullable String serverId) {
		this.server = server;
		this.events = events;
		this.hostname = hostname();
		this.serverId = (serverId != null) ? serverId : this.hostname;
	}

	String serverId() {
		return this.serverId;
	}

	ObjectNode next() {
		ObjectNode stats = JsonNodeFactory.instance.objectNode();
		stats.put("serverId", this.serverId);
		stats.put("hostname", this.hostname);
		stats.put("pid", this.pid);
		stats.put("uptime", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
		stats.put("clientsCount", this.server.engine().sessionCount());
		stats.put("pollingClientsCount", this.server.engine().sessionCount(EngineIoTransport.POLLING));
		stats.set("aggregatedEvents", this.events.drain());
		ArrayNode namespaces = stats.putArray("namespaces");
		for (Namespace namespace : this.server.namespaces()) {
			namespaces.addObject().put("name", namespace.name()).put("socketsCount", namespace.sockets().size());
		}
		return stats;
	}

	private static String hostname() {
		String env = System.getenv("HOSTNAME");
		if (env != null && !env.isBlank()) {
			return env;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "localhost";
		}
	}

}
