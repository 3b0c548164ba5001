package dev.realtime.socketio.client.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;

import dev.realtime.socketio.client.ClientSocket;
import dev.realtime.socketio.client.SocketIoClient;
import dev.realtime.socketio.client.SocketIoConnectException;
import dev.realtime.socketio.client.Transport;
import dev.realtime.socketio.engine.packet.EnginePacket;
import dev.realtime.socketio.protocol.EncodedPacket;
import dev.realtime.socketio.protocol.SocketIoPacket;
import dev.realtime.socketio.protocol.SocketIoPacketDecoder;
import dev.realtime.socketio.protocol.SocketIoPacketEncoder;
import dev.realtime.socketio.protocol.SocketIoParseException;
import dev.realtime.socketio.protocol.SocketIoParserLimits;

/**
 * The client: one Engine.IO connection at a time, the namespace sockets multiplexed on
 * it, and the reconnection loop. Its state lives on its {@link ClientExecutor}.
 */
public final class DefaultSocketIoClient implements SocketIoClient, EngineConnection.Listener {

	private static final Logger logger = Loggers.getLogger(DefaultSocketIoClient.class);

	private final ClientConfig config;

	private final ClientExecutor executor = new ClientExecutor();

	private final SocketIoPacketEncoder encoder;

	private final SocketIoPacketDecoder.Factory decoders;

	private final Map<String, DefaultClientSocket> sockets = new LinkedHashMap<>();

	private final Backoff backoff;

	private volatile @Nullable EngineConnection engine;

	private @Nullable SocketIoPacketDecoder decoder;

	private boolean engineOpen;

	private @Nullable Disposable reconnectTimer;

	/**
	 * Create a client; nothing is connected until {@link #connect()}.
	 * @param config the settings
	 */
	public DefaultSocketIoClient(ClientConfig config) {
		this.config = config;
		this.encoder = new SocketIoPacketEncoder(config.mapper());
		// The server is trusted more than a client is: only the parser's structural
		// limits apply
		this.decoders = new SocketIoPacketDecoder.Factory(config.mapper(),
				SocketIoParserLimits.builder()
					.maxAttachments(Integer.MAX_VALUE)
					.maxEventNameLength(Integer.MAX_VALUE)
					.build());
		this.backoff = new Backoff(config.reconnection());
	}

	@Override
	public Mono<ClientSocket> connect() {
		return connect(this.config.defaultNamespace(), null);
	}

	@Override
	public Mono<ClientSocket> connect(String namespace) {
		return connect(namespace, null);
	}

	@Override
	public Mono<ClientSocket> connect(String namespace, @Nullable Object auth) {
		if (namespace == null || !namespace.startsWith("/")) {
			return Mono.error(new IllegalArgumentException("A namespace starts with '/', was " + namespace));
		}
		Object effectiveAuth = (auth != null) ? auth : this.config.auth();
		Duration timeout = this.config.connectTimeout();
		return Mono.<ClientSocket>create((sink) -> this.executor.execute(() -> {
			DefaultClientSocket socket = this.sockets.get(namespace);
			if (socket == null || socket.finished()) {
				socket = new DefaultClientSocket(this, namespace, effectiveAuth);
				this.sockets.put(namespace, socket);
			}
			socket.connect(sink);
		}))
			.timeout(timeout)
			.onErrorMap(TimeoutException.class, (ex) -> new SocketIoConnectException(namespace, "Namespace " + namespace
					+ " of " + this.config.uri() + " not connected within " + timeout.toMillis() + " ms", ex));
	}

	@Override
	public URI uri() {
		return this.config.uri();
	}

	@Override
	public @Nullable Transport transport() {
		EngineConnection connection = this.engine;
		return (connection != null) ? connection.transport() : null;
	}

	@Override
	public Mono<Void> close() {
		return Mono.create((sink) -> this.executor.execute(() -> {
			for (DefaultClientSocket socket : List.copyOf(this.sockets.values())) {
				socket.closeByClient();
			}
			closeEngine();
			sink.success();
		}));
	}

	ClientConfig config() {
		return this.config;
	}

	ClientExecutor executor() {
		return this.executor;
	}

	boolean engineOpen() {
		return this.engineOpen;
	}

	/**
	 * Open the connection if none is open or being reopened.
	 */
	void ensureOpen() {
		if (this.engine == null && this.reconnectTimer == null) {
			openEngine();
		}
	}

	private void openEngine() {
		this.decoder = this.decoders.newDecoder();
		this.engineOpen = false;
		EngineConnection connection = new EngineConnection(this.config, this.executor, this);
		this.engine = connection;
		connection.open();
	}

	void send(SocketIoPacket packet) {
		EngineConnection connection = this.engine;
		if (connection == null || !this.engineOpen) {
			return;
		}
		EncodedPacket encoded = this.encoder.encode(packet);
		List<EnginePacket> packets = new ArrayList<>(1 + encoded.attachments().size());
		packets.add(EnginePacket.message(encoded.text()));
		for (byte[] attachment : encoded.attachments()) {
			packets.add(EnginePacket.message(attachment));
		}
		connection.send(packets);
	}

	/**
	 * A socket will not connect again: close the connection when none is left that will.
	 */
	void socketInactive(DefaultClientSocket socket) {
		if (this.sockets.get(socket.namespace()) == socket) {
			this.sockets.remove(socket.namespace());
		}
		if (this.sockets.values().stream().noneMatch(DefaultClientSocket::active)) {
			closeEngine();
		}
	}

	private void closeEngine() {
		if (this.reconnectTimer != null) {
			this.reconnectTimer.dispose();
			this.reconnectTimer = null;
		}
		EngineConnection connection = this.engine;
		this.engine = null;
		this.engineOpen = false;
		this.backoff.reset();
		if (connection != null) {
			connection.close();
		}
	}

	@Override
	public void onOpen(EngineConnection connection) {
		if (connection != this.engine) {
			return;
		}
		this.engineOpen = true;
		this.backoff.reset();
		for (DefaultClientSocket socket : List.copyOf(this.sockets.values())) {
			socket.onEngineOpen();
		}
	}

	@Override
	public void onMessage(EnginePacket message) {
		SocketIoPacketDecoder current = this.decoder;
		EngineConnection connection = this.engine;
		if (current == null || connection == null) {
			return;
		}
		SocketIoPacket packet;
		try {
			packet = message.isBinary() ? current.decodeBinary(message.binary()) : current.decodeText(message.text());
		}
		catch (SocketIoParseException ex) {
			logger.warn(
					"Closing the connection to " + this.config.uri() + " after a malformed packet: " + ex.getMessage());
			connection.close();
			onClose(connection, "parse error", ex, true);
			return;
		}
		if (packet == null) {
			return;
		}
		DefaultClientSocket socket = this.sockets.get(packet.namespace());
		if (socket != null) {
			socket.onPacket(packet);
		}
	}

	@Override
	public void onClose(EngineConnection connection, String reason, @Nullable Throwable cause, boolean wasOpen) {
		if (connection != this.engine) {
			return;
		}
		this.engine = null;
		this.engineOpen = false;
		this.decoder = null;
		boolean reconnect = this.config.reconnection().enabled()
				&& this.backoff.attempts() < this.config.reconnection().maxAttempts();
		for (DefaultClientSocket socket : List.copyOf(this.sockets.values())) {
			socket.onEngineClose(reason, cause, reconnect);
		}
		this.sockets.values().removeIf((socket) -> !socket.active());
		if (this.sockets.isEmpty()) {
			this.backoff.reset();
			return;
		}
		if (!reconnect) {
			for (DefaultClientSocket socket : List.copyOf(this.sockets.values())) {
				socket.giveUp(new SocketIoConnectException(socket.namespace(), "Gave up reconnecting to "
						+ this.config.uri() + " after " + this.backoff.attempts() + " attempt(s)", cause));
			}
			this.sockets.clear();
			this.backoff.reset();
			return;
		}
		Duration delay = this.backoff.next();
		logger.debug("Reconnecting to " + this.config.uri() + " in " + delay.toMillis() + " ms (attempt "
				+ this.backoff.attempts() + ")");
		this.reconnectTimer = this.executor.schedule(() -> {
			this.reconnectTimer = null;
			if (this.engine == null && this.sockets.values().stream().anyMatch(DefaultClientSocket::active)) {
				openEngine();
			}
		}, delay);
	}

	@Override
	public String toString() {
		return "SocketIoClient[" + this.config.uri() + this.config.path() + "]";
	}

}
