package dev.realtime.socketio.server;

import java.net.InetSocketAddress;

import dev.realtime.socketio.engine.EngineIoTransport;
import org.jspecify.annotations.Nullable;

/**
 * The low-level connection a socket runs on (Node's {@code socket.conn}): one per client,
 * shared by the client's sockets of every namespace. A read-only view, safe from any
 * thread; the connection itself belongs to the server. <pre class="code">
 * if (socket.conn().transport() == EngineIoTransport.POLLING) {
 * 	// not (yet) upgraded to WebSocket
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public interface SocketIoConnection {

	/**
	 * Return the Engine.IO session id. It is a secret shared with the client only: never
	 * send it to other clients (the socket's {@link SocketIoSocket#id() id} is the public
	 * one).
	 * @return the session id
	 */
	String id();

	/**
	 * Return the transport in use right now: long-polling until the client has upgraded
	 * to WebSocket.
	 * @return the transport ({@link EngineIoTransport#wireName()} is Node's
	 * {@code conn.transport.name})
	 */
	EngineIoTransport transport();

	/**
	 * Whether the connection started on long-polling and has upgraded to WebSocket. A
	 * connection opened on WebSocket directly is on WebSocket but not upgraded.
	 * @return {@code true} after an upgrade
	 */
	boolean upgraded();

	/**
	 * Return the remote address of the request that opened the connection (its IP address
	 * is also {@link Handshake#address()}).
	 * @return the remote address, or {@code null} when unknown
	 */
	@Nullable InetSocketAddress remoteAddress();

	/**
	 * Whether the connection is still open.
	 * @return {@code true} until it closes
	 */
	boolean isOpen();

	/**
	 * Close the connection without telling the client why: every socket on it disconnects
	 * with {@link DisconnectReason#FORCED_CLOSE}, and the client reconnects by itself
	 * (Node's {@code socket.conn.close()}). To end a socket on purpose, use
	 * {@link SocketIoSocket#disconnect(boolean)} instead.
	 */
	void close();

}
