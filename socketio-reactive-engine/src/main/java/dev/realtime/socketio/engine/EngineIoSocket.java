package dev.realtime.socketio.engine;

import java.util.List;
import java.util.function.Consumer;

import dev.realtime.socketio.engine.packet.EnginePacket;
import io.netty.channel.EventLoop;

/**
 * One Engine.IO session. Sends are safe from any thread and keep their order.
 *
 * <p>
 * The session's work (its listener's callbacks, its writes, its timers) runs one task at
 * a time, in order, but not always on the same thread: a long-polling request or an
 * upgraded WebSocket runs it on the event loop the connection arrived on when the session
 * is idle, so that it does not cross threads. State of your own that only the listener
 * touches needs no locks; to touch it from elsewhere, go through
 * {@link #execute(Runnable)}.
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
	 * Return the revision of the Engine.IO protocol the session speaks: {@code V4}, or
	 * {@code V3} for a Socket.IO 2.x client on a server that allows it.
	 * @return the protocol
	 * @since 0.1.0
	 */
	EngineIoProtocol protocol();

	/**
	 * Return the session's home event loop: its timers fire there, and it runs the tasks
	 * that other threads hand to the session while nothing else runs them. Schedule on
	 * it, but touch the session's state through {@link #execute(Runnable)}.
	 * @return the home event loop
	 */
	EventLoop eventLoop();

	/**
	 * Run a task in the session's context, after the tasks submitted before it and never
	 * at the same time as the listener's callbacks. It runs at once when the caller is
	 * already in that context, or is the home event loop and the session is idle.
	 * @param task the task
	 */
	void execute(Runnable task);

	/**
	 * Like {@link #execute(Runnable)}, without allocating a task when it can run at once.
	 * @param action the action
	 * @param argument its argument
	 * @param <T> the argument's type
	 */
	<T> void execute(Consumer<? super T> action, T argument);

	/**
	 * Whether the calling thread is running the session's tasks right now (inside a
	 * listener callback or a task given to {@link #execute(Runnable)}).
	 * @return {@code true} in the session's context
	 */
	boolean inSession();

	/**
	 * Set the listener that receives messages and the close notification. Call it from
	 * the connection callback, before any message can arrive.
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
