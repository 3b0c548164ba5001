package dev.realtime.socketio.server;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Answers one acknowledgement request, once.
 */
final class DefaultAckSender implements AckSender {

	private final DefaultSocketIoSocket socket;

	private final long ackId;

	private final AtomicBoolean sent = new AtomicBoolean();

	DefaultAckSender(DefaultSocketIoSocket socket, long ackId) {
		this.socket = socket;
		this.ackId = ackId;
	}

	@Override
	public void send(Object... args) {
		if (this.sent.compareAndSet(false, true)) {
			this.socket.sendAck(this.ackId, args);
		}
	}

}
