package dev.realtime.socketio.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.realtime.socketio.engine.EngineIoHandshake;
import dev.realtime.socketio.internal.RepeatedStrings;
import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.server.adapter.RestoredSession;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a socket gets into a namespace: its session restored when it presents one, the
 * connection middlewares (the server's, the parent namespace's, then the namespace's
 * own), then the CONNECT acknowledgement and the connection listeners, or the
 * CONNECT_ERROR. Runs on the client's event loop, in the connection's context.
 */
final class NamespaceAdmission {

	private static final Logger logger = Loggers.getLogger(NamespaceAdmission.class);

	private final DefaultNamespace namespace;

	private final @Nullable DefaultParentNamespace parent;

	/** The connected sockets of the namespace, shared with it. */
	private final Map<String, SocketIoSocket> sockets;

	/**
	 * Restored sockets back in their rooms, until their CONNECT acknowledgement; shared
	 * with the delivery.
	 */
	private final Map<String, DefaultSocketIoSocket> recovering;

	private final List<Consumer<SocketIoSocket>> connectionListeners = new CopyOnWriteArrayList<>();

	private final List<ConnectMiddleware> middlewares = new CopyOnWriteArrayList<>();

	NamespaceAdmission(DefaultNamespace namespace, @Nullable DefaultParentNamespace parent,
			Map<String, SocketIoSocket> sockets, Map<String, DefaultSocketIoSocket> recovering) {
		this.namespace = namespace;
		this.parent = parent;
		this.sockets = sockets;
		this.recovering = recovering;
	}

	void onConnection(Consumer<SocketIoSocket> listener) {
		this.connectionListeners.add(listener);
	}

	void use(ConnectMiddleware middleware) {
		this.middlewares.add(middleware);
	}

	/**
	 * Restore the client's session when it presents one, run the connection middlewares,
	 * then admit or refuse the socket.
	 * @param startNanos when the CONNECT packet arrived, 0 without listeners
	 */
	void admit(SocketIoClient client, ObjectNode auth, long startNanos) {
		JsonNode pid = auth.get("pid");
		JsonNode offset = auth.get("offset");
		if (this.namespace.connectionStateRecovery() != null && pid != null && pid.isString() && offset != null
				&& offset.isString()) {
			// docs/protocol.md 2.8: the auth keeps pid and offset, as in the reference
			// server.
			this.namespace.adapter()
				.restoreSession(pid.stringValue(), offset.stringValue())
				.singleOptional()
				.onErrorResume((ex) -> {
					logger.warn("Could not restore a session of namespace " + this.namespace.name(), ex);
					return Mono.just(Optional.empty());
				})
				.subscribe((restored) -> client
					.execute(() -> admitSocket(client, auth, startNanos, restored.orElse(null))));
			return;
		}
		admitSocket(client, auth, startNanos, null);
	}

	private void admitSocket(SocketIoClient client, ObjectNode auth, long startNanos,
			@Nullable RestoredSession restored) {
		Handshake handshake = handshake(client, auth);
		DefaultSocketIoSocket socket = new DefaultSocketIoSocket(this.namespace, client, handshake, restored);
		ConnectionStateRecoveryOptions recovery = this.namespace.connectionStateRecovery();
		if (restored != null) {
			this.recovering.put(socket.id(), socket);
			// The rooms of the session are joined before the CONNECT acknowledgement;
			// broadcasts that reach the socket until then are held back.
			socket.join(restored.session().rooms());
		}
		List<ConnectMiddleware> chain = middlewareChain();
		if (restored != null && recovery != null && recovery.skipMiddlewares() && !chain.isEmpty()) {
			// Authorizers run again, so that a restored socket gets its node-local
			// principal back.
			chain = chain.stream().filter(ConnectMiddleware::runsOnRecovery).toList();
		}
		if (chain.isEmpty()) {
			connected(client, socket, startNanos);
			return;
		}
		Flux.fromIterable(chain)
			.concatMap((middleware) -> Mono.defer(() -> middleware.handle(socket)))
			.then()
			.subscribe(null, (error) -> client.execute(() -> refused(client, socket, error, startNanos)),
					() -> client.execute(() -> connected(client, socket, startNanos)));
	}

	private void abandonRecovery(DefaultSocketIoSocket socket) {
		if (socket.recovered() && this.recovering.remove(socket.id(), socket)) {
			socket.abandonRecovery();
		}
	}

	private List<ConnectMiddleware> middlewareChain() {
		List<ConnectMiddleware> global = this.namespace.server().middlewares();
		List<ConnectMiddleware> inherited = (this.parent != null) ? this.parent.middlewares() : List.of();
		if (global.isEmpty() && inherited.isEmpty()) {
			return this.middlewares;
		}
		List<ConnectMiddleware> chain = new ArrayList<>(global);
		chain.addAll(inherited);
		chain.addAll(this.middlewares);
		return chain;
	}

	private void connected(SocketIoClient client, DefaultSocketIoSocket socket, long startNanos) {
		if (!client.conn().isOpen()) {
			abandonRecovery(socket);
			client.onConnectFailed(this.namespace.name());
			handshakeCompleted(SocketIoServerListener.ERROR, startNanos);
			return;
		}
		this.sockets.put(socket.id(), socket);
		this.recovering.remove(socket.id(), socket);
		socket.onConnect();
		client.onConnected(socket);
		client.send(client.legacy() ? LegacySocketIo.connectAck(this.namespace.name()) : connectAck(socket));
		if (socket.recovered()) {
			socket.sendMissedPackets();
		}
		handshakeCompleted(SocketIoServerListener.ACCEPTED, startNanos);
		this.namespace.server().metrics().socketConnected(socket);
		if (this.parent != null) {
			this.parent.fireConnection(socket);
		}
		for (Consumer<SocketIoSocket> listener : this.connectionListeners) {
			try {
				listener.accept(socket);
			}
			catch (RuntimeException ex) {
				logger.error("Connection listener of namespace " + this.namespace.name() + " failed", ex);
			}
		}
	}

	private SocketIoPacket connectAck(DefaultSocketIoSocket socket) {
		ObjectNode ack = JsonNodeFactory.instance.objectNode().put("sid", socket.id());
		if (socket.pid() != null) {
			ack.put("pid", socket.pid());
		}
		return SocketIoPacket.connect(this.namespace.name(), ack);
	}

	private void refused(SocketIoClient client, DefaultSocketIoSocket socket, Throwable error, long startNanos) {
		abandonRecovery(socket);
		client.onConnectFailed(this.namespace.name());
		if (!client.conn().isOpen()) {
			handshakeCompleted(SocketIoServerListener.ERROR, startNanos);
			return;
		}
		this.namespace.server().metrics().connectRejected(this.namespace.name());
		client.send(
				client.legacy() ? LegacySocketIo.connectError(this.namespace.name(), error, this.namespace.jsonMapper())
						: connectError(error));
		handshakeCompleted((error instanceof ConnectRejectedException) ? SocketIoServerListener.REJECTED
				: SocketIoServerListener.ERROR, startNanos);
	}

	private SocketIoPacket connectError(Throwable error) {
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.put("message", (error.getMessage() != null) ? error.getMessage() : error.getClass().getSimpleName());
		if (error instanceof ConnectRejectedException rejected && rejected.data() != null) {
			payload.set("data", Payloads.toNode(this.namespace.jsonMapper(), rejected.data()));
		}
		return SocketIoPacket.connectError(this.namespace.name(), payload);
	}

	private void handshakeCompleted(String outcome, long startNanos) {
		ServerListeners metrics = this.namespace.server().metrics();
		if (startNanos != 0 && !metrics.isEmpty()) {
			metrics.handshakeCompleted(this.namespace.name(), outcome, System.nanoTime() - startNanos);
		}
	}

	private Handshake handshake(SocketIoClient client, ObjectNode auth) {
		EngineIoHandshake engine = client.conn().handshake();
		String address = (engine.remoteAddress() != null && engine.remoteAddress().getAddress() != null)
				? RepeatedStrings.share(engine.remoteAddress().getAddress().getHostAddress()) : "";
		return new Handshake(engine.headers(), engine.query(), auth.isEmpty() ? null : auth, address, engine.time(),
				engine.url(), engine.secure(), engine.headers().contains(HttpHeaderNames.ORIGIN));
	}

}
