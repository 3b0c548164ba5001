package dev.realtime.socketio.engine;

import java.util.List;

import dev.realtime.socketio.engine.packet.EnginePacket;
import io.netty.channel.EventLoop;

/**
 * One Engine.IO session. Sends are safe from any thread: they hop onto the session's
 * event loop and keep their order.
 *
 * @since 0.1.0
 */
public interface EngineIoSocket {

	/**
	 * Return the session id. It is a secret shared with the client only; never send it to
	 * other clients.
	 * @return the session id
	 */
	String id();

	/**
	 * Return the transport currently in use.
	 * @return the transport
	 */
	EngineIoTransport transport();

	/**
	 * Return the request that opened the session.
	 * @return the handshake
	 */
	EngineIoHandshake handshake();

	/**
	 * Return the event loop that owns the session's state.
	 * @return the event loop
	 */
	EventLoop eventLoop();

	/**
	 * Set the listener that receives messages and the close notification. Call it from the
	 * connection callback, before any message can arrive.
	 * @param listener the listener
	 */
	void setListener(EngineIoSocketListener listener);

	/**
	 * Send a text message.
	 * @param text the message
	 */
	default void send(String text) {
		send(EnginePacket.message(text));
	}

	/**
	 * Send a binary message. The array must not be modified afterwards.
	 * @param data the message bytes
	 */
	default void send(byte[] data) {
		send(EnginePacket.message(data));
	}

	/**
	 * Send one packet.
	 * @param packet the packet, usually a message
	 */
	void send(EnginePacket packet);

	/**
	 * Send packets together, in order, with nothing interleaved between them.
	 * @param packets the packets
	 */
	void send(List<EnginePacket> packets);

	/**
	 * Send packets only if the transport can write them right now; otherwise drop them.
	 * @param packets the packets
	 */
	void sendVolatile(List<EnginePacket> packets);

	/**
	 * Close the session with the reason {@link EngineIoCloseReason#FORCED_CLOSE}.
	 */
	void close();

	/**
	 * Close the session with the given reason.
	 * @param reason one of the {@link EngineIoCloseReason} strings
	 */
	void close(String reason);

	/**
	 * Whether the session is still open.
	 * @return {@code true} until the session closes
	 */
	boolean isOpen();

}
