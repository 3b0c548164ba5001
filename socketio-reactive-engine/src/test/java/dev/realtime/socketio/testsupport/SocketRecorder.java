package dev.realtime.socketio.testsupport;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import dev.realtime.socketio.server.DisconnectReason;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.SocketIoSocket;

/**
 * Records the sockets that connect to a server and the reasons they disconnect, in order,
 * for a test to take one at a time (waiting at most {@link SocketIoTestServer#TIMEOUT}).
 *
 * @since 0.1.0
 */
public final class SocketRecorder {

	private final BlockingQueue<SocketIoSocket> connections = new LinkedBlockingQueue<>();

	private final BlockingQueue<DisconnectReason> disconnectReasons = new LinkedBlockingQueue<>();

	/**
	 * Record every socket of a namespace.
	 * @param namespace the namespace
	 */
	public void record(Namespace namespace) {
		namespace.onConnection(this::record);
	}

	/**
	 * Record a socket that has just connected, and its disconnect reason when it leaves.
	 * @param socket the socket
	 */
	public void record(SocketIoSocket socket) {
		socket.onDisconnect((reason, description) -> this.disconnectReasons.add(reason));
		this.connections.add(socket);
	}

	/**
	 * Take the next socket that connected.
	 * @return the socket
	 * @throws AssertionError if none connects in time
	 */
	public SocketIoSocket nextConnection() {
		return TestQueues.next(this.connections);
	}

	/**
	 * Take the reason of the next disconnection.
	 * @return the reason
	 * @throws AssertionError if no socket disconnects in time
	 */
	public DisconnectReason nextDisconnectReason() {
		return TestQueues.next(this.disconnectReasons);
	}

	/**
	 * The sockets recorded and not taken yet.
	 * @return the queue
	 */
	public BlockingQueue<SocketIoSocket> connections() {
		return this.connections;
	}

}
