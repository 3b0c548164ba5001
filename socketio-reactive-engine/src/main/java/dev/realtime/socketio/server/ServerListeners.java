package dev.realtime.socketio.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans callbacks out to the registered listeners.
 */
final class ServerListeners implements SocketIoServerListener {

	private final List<SocketIoServerListener> listeners = new CopyOnWriteArrayList<>();

	void add(SocketIoServerListener listener) {
		this.listeners.add(listener);
	}

	/** Whether no listener is registered: callers skip timing work then. */
	boolean isEmpty() {
		return this.listeners.isEmpty();
	}

	@Override
	public void socketConnected(SocketIoSocket socket) {
		for (SocketIoServerListener listener : this.listeners) {
			listener.socketConnected(socket);
		}
	}

	@Override
	public void socketDisconnected(SocketIoSocket socket, DisconnectReason reason) {
		for (SocketIoServerListener listener : this.listeners) {
			listener.socketDisconnected(socket, reason);
		}
	}

	@Override
	public void connectRejected(String namespace) {
		for (SocketIoServerListener listener : this.listeners) {
			listener.connectRejected(namespace);
		}
	}

	@Override
	public void eventReceived(String namespace, String event) {
		for (SocketIoServerListener listener : this.listeners) {
			listener.eventReceived(namespace, event);
		}
	}

	@Override
	public void eventSent(String namespace, String event, int recipients) {
		for (SocketIoServerListener listener : this.listeners) {
			listener.eventSent(namespace, event, recipients);
		}
	}

	@Override
	public void ackCompleted(String namespace, boolean clientToServer, long nanos, boolean ok) {
		for (SocketIoServerListener listener : this.listeners) {
			listener.ackCompleted(namespace, clientToServer, nanos, ok);
		}
	}

	@Override
	public void eventRateLimited(String namespace, String event) {
		for (SocketIoServerListener listener : this.listeners) {
			listener.eventRateLimited(namespace, event);
		}
	}

	@Override
	public void parseError() {
		for (SocketIoServerListener listener : this.listeners) {
			listener.parseError();
		}
	}

	@Override
	public void handshakeCompleted(String namespace, String outcome, long nanos) {
		for (SocketIoServerListener listener : this.listeners) {
			listener.handshakeCompleted(namespace, outcome, nanos);
		}
	}

	@Override
	public void connectTimedOut() {
		for (SocketIoServerListener listener : this.listeners) {
			listener.connectTimedOut();
		}
	}

	@Override
	public void handlerFailed(String namespace, String event, Throwable error) {
		for (SocketIoServerListener listener : this.listeners) {
			listener.handlerFailed(namespace, event, error);
		}
	}

	@Override
	public void eventRejected(String namespace, String event, Throwable reason) {
		for (SocketIoServerListener listener : this.listeners) {
			listener.eventRejected(namespace, event, reason);
		}
	}

	@Override
	public void roomJoined(String namespace, String room, String socketId) {
		for (SocketIoServerListener listener : this.listeners) {
			listener.roomJoined(namespace, room, socketId);
		}
	}

	@Override
	public void roomLeft(String namespace, String room, String socketId) {
		for (SocketIoServerListener listener : this.listeners) {
			listener.roomLeft(namespace, room, socketId);
		}
	}

}
