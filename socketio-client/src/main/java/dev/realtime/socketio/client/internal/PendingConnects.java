package dev.realtime.socketio.client.internal;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.MonoSink;

import dev.realtime.socketio.client.ClientSocket;
import dev.realtime.socketio.client.SocketIoConnectException;

/**
 * The callers of {@code connect()} still waiting for a namespace's CONNECT answer. Used
 * on the client's executor; a caller that cancels is removed there too.
 */
final class PendingConnects {

	private final List<MonoSink<ClientSocket>> sinks = new ArrayList<>();

	private final ClientExecutor executor;

	PendingConnects(ClientExecutor executor) {
		this.executor = executor;
	}

	/**
	 * Wait for the answer.
	 * @param lastCancelled run when this caller cancels and no other is waiting
	 */
	void add(MonoSink<ClientSocket> sink, Runnable lastCancelled) {
		this.sinks.add(sink);
		sink.onCancel(() -> this.executor.execute(() -> {
			if (this.sinks.remove(sink) && this.sinks.isEmpty()) {
				lastCancelled.run();
			}
		}));
	}

	void succeed(ClientSocket socket) {
		drain().forEach((sink) -> sink.success(socket));
	}

	void fail(SocketIoConnectException error) {
		drain().forEach((sink) -> sink.error(error));
	}

	private List<MonoSink<ClientSocket>> drain() {
		List<MonoSink<ClientSocket>> waiting = List.copyOf(this.sinks);
		this.sinks.clear();
		return waiting;
	}

}
