package dev.realtime.socketio.client.internal;

import java.util.List;

import dev.realtime.socketio.client.Transport;
import dev.realtime.socketio.engine.packet.EnginePacket;

/**
 * One Engine.IO transport of a connection. All methods are called on the client's
 * executor, and the transport calls its {@link Listener} there too.
 */
interface EngineTransport {

	Transport kind();

	/**
	 * Open the transport: the handshake, or the probe of an upgrade.
	 */
	void open();

	/**
	 * Queue packets, sent in order.
	 */
	void send(List<EnginePacket> packets);

	/**
	 * Stop receiving once what is in flight is done, then run the callback (EIO4 upgrade:
	 * polling is paused before the {@code upgrade} packet goes over the WebSocket).
	 */
	void pause(Runnable onPaused);

	/**
	 * Undo {@link #pause}, after a failed upgrade.
	 */
	void resume();

	/**
	 * Close the transport, telling the server.
	 */
	void close();

	/**
	 * Stop the transport at once, without telling the server or the listener.
	 */
	void abort();

	/**
	 * Receives what a transport sees, on the client's executor.
	 */
	interface Listener {

		void onTransportOpen(EngineTransport transport);

		void onPacket(EngineTransport transport, EnginePacket packet);

		void onTransportError(EngineTransport transport, Throwable error);

		void onTransportClose(EngineTransport transport);

	}

}
