package dev.realtime.socketio.client;

/**
 * A Socket.IO server the client's tests run against. Both kinds answer the same events
 * (see {@code node/sio-server.js}): {@code message} echoed as {@code message-back},
 * {@code message-with-ack} acked with its arguments, {@code ask} asks the client in turn
 * and reports the reply as {@code answer}, {@code join} and {@code to-room} for rooms,
 * {@code drop} closes the connection, {@code kick} disconnects the socket, and namespace
 * {@code /refuse} refuses everyone with data {@code {"code":"E42"}}.
 */
interface TestServer extends AutoCloseable {

	/**
	 * Return the URI a client connects to.
	 */
	String uri();

	/**
	 * Wait until the server saw a socket go, and return why (the server-side reason, such
	 * as {@code client namespace disconnect}).
	 */
	String awaitDisconnectReason(String socketId);

	@Override
	void close();

}
