package dev.realtime.socketio.admin.internal;

import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import dev.realtime.socketio.server.BroadcastOperator;
import dev.realtime.socketio.server.SocketIoServer;
import dev.realtime.socketio.server.SocketIoSocket;

/**
 * The UI's commands, on one admin socket: {@code emit(nsp, filter, event, ...args)},
 * {@code join(nsp, room, filter)}, {@code leave(nsp, room, filter)} and
 * {@code _disconnect(nsp, close, filter)}. A filter is a room (a socket id selects one
 * socket); none selects the whole namespace. They act through broadcast operators, so a
 * cluster adapter carries them to every node.
 */
final class AdminCommands {

	private static final Logger logger = Loggers.getLogger(AdminCommands.class);

	private final SocketIoServer server;

	AdminCommands(SocketIoServer server) {
		this.server = server;
	}

	void register(SocketIoSocket admin) {
		admin.on("emit", (args, ack) -> {
			String nsp = text(args, 0);
			String event = text(args, 2);
			if (nsp == null || event == null) {
				return;
			}
			List<JsonNode> payload = args.valueStream().skip(3).toList();
			logger.debug("Admin {} emits '{}' to {} (filter {})", admin.id(), event, nsp, text(args, 1));
			apply(nsp, text(args, 1), (target) -> target.emit(event, payload.toArray()));
		});
		admin.on("join", (args, ack) -> {
			String nsp = text(args, 0);
			String room = text(args, 1);
			if (nsp != null && room != null) {
				logger.debug("Admin {} makes sockets of {} (filter {}) join {}", admin.id(), nsp, text(args, 2), room);
				apply(nsp, text(args, 2), (target) -> target.socketsJoin(room));
			}
		});
		admin.on("leave", (args, ack) -> {
			String nsp = text(args, 0);
			String room = text(args, 1);
			if (nsp != null && room != null) {
				logger.debug("Admin {} makes sockets of {} (filter {}) leave {}", admin.id(), nsp, text(args, 2), room);
				apply(nsp, text(args, 2), (target) -> target.socketsLeave(room));
			}
		});
		admin.on("_disconnect", (args, ack) -> {
			String nsp = text(args, 0);
			if (nsp != null) {
				boolean close = args.path(1).asBoolean(false);
				logger.debug("Admin {} disconnects sockets of {} (filter {}, close {})", admin.id(), nsp, text(args, 2),
						close);
				apply(nsp, text(args, 2), (target) -> target.disconnectSockets(close));
			}
		});
	}

	/**
	 * The sockets of a namespace, in a room when the filter names one. An unknown
	 * namespace selects nothing rather than creating it.
	 */
	private void apply(String nsp, @Nullable String filter, Consumer<BroadcastOperator> command) {
		boolean known = this.server.namespaces().stream().anyMatch((namespace) -> namespace.name().equals(nsp));
		if (!known) {
			logger.debug("Admin command for unknown namespace {} ignored", nsp);
			return;
		}
		BroadcastOperator namespace = this.server.of(nsp);
		command.accept((filter != null && !filter.isEmpty()) ? namespace.in(filter) : namespace);
	}

	private static @Nullable String text(ArrayNode args, int index) {
		JsonNode value = args.get(index);
		return (value != null && value.isString()) ? value.asString() : null;
	}

}
