package dev.realtime.socketio.server;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Answers one acknowledgement request, once. With listeners, the time from the event's
 * arrival to the answer is reported as a client-to-server ack.
 */
final class DefaultAckSender implements AckSender {

	private final DefaultSocketIoSocket socket;

	private final long ackId;

	private final AtomicBoolean sent = new AtomicBoolean();

	private final long startNanos;

	DefaultAckSender(DefaultSocketIoSocket socket, long ackId) {
		this.socket = socket;
		this.ackId = ackId;
		this.startNanos = socket.namespace().server().metrics().isEmpty() ? 0 : System.nanoTime();
	}

	@Override
	public void send(Object... args) {
		if (this.sent.compareAndSet(false, true)) {
			this.socket.sendAck(this.ackId, args);
			if (this.startNanos != 0) {
				Namespace namespace = this.socket.namespace();
				namespace.server()
					.metrics()
					.ackCompleted(namespace.name(), true, System.nanoTime() - this.startNanos, true);
			}
		}
	}

}
