package dev.realtime.socketio.server;

import java.net.InetSocketAddress;

import dev.realtime.socketio.engine.EngineIoSocket;
import dev.realtime.socketio.engine.EngineIoTransport;
import org.jspecify.annotations.Nullable;

/**
 * The read-only view of an Engine.IO session that {@link SocketIoSocket#conn()} hands
 * out. Stateless, created on demand: idle sockets do not pay for a field.
 */
final class DefaultSocketIoConnection implements SocketIoConnection {

	private final EngineIoSocket engine;

	DefaultSocketIoConnection(EngineIoSocket engine) {
		this.engine = engine;
	}

	@Override
	public String id() {
		return this.engine.id();
	}

	@Override
	public EngineIoTransport transport() {
		return this.engine.transport();
	}

	@Override
	public boolean upgraded() {
		return this.engine.transport() == EngineIoTransport.WEBSOCKET && EngineIoTransport
			.fromWireName(this.engine.handshake().queryParam("transport")) == EngineIoTransport.POLLING;
	}

	@Override
	public @Nullable InetSocketAddress remoteAddress() {
		return this.engine.handshake().remoteAddress();
	}

	@Override
	public boolean isOpen() {
		return this.engine.isOpen();
	}

	@Override
	public void close() {
		this.engine.close();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof DefaultSocketIoConnection that && this.engine == that.engine);
	}

	@Override
	public int hashCode() {
		return System.identityHashCode(this.engine);
	}

	@Override
	public String toString() {
		return "SocketIoConnection[" + this.engine.transport().wireName() + "]";
	}

}
