package dev.realtime.socketio.client.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import dev.realtime.socketio.client.ClientEvent;
import dev.realtime.socketio.client.ConnectionEvent;

/**
 * The subscribers of one socket's events and connection changes. Changed on the client's
 * executor only; a subscription made from one of its tasks is registered at once, so that
 * it sees the packets that follow.
 */
final class SocketListeners {

	private final ClientExecutor executor;

	private final Map<String, List<FluxSink<ClientEvent>>> byName = new HashMap<>();

	private final List<FluxSink<ClientEvent>> any = new ArrayList<>();

	private final List<FluxSink<ConnectionEvent>> connection = new ArrayList<>();

	private boolean completed;

	SocketListeners(ClientExecutor executor) {
		this.executor = executor;
	}

	Flux<ClientEvent> on(String event) {
		return Flux.create((sink) -> this.executor
			.executeNow(() -> register(this.byName.computeIfAbsent(event, (name) -> new ArrayList<>()), sink)));
	}

	Flux<ClientEvent> onAny() {
		return Flux.create((sink) -> this.executor.executeNow(() -> register(this.any, sink)));
	}

	Flux<ConnectionEvent> connectionEvents() {
		return Flux.create((sink) -> this.executor.executeNow(() -> register(this.connection, sink)));
	}

	private <T> void register(List<FluxSink<T>> sinks, FluxSink<T> sink) {
		if (this.completed) {
			sink.complete();
			return;
		}
		sinks.add(sink);
		sink.onDispose(() -> this.executor.execute(() -> sinks.remove(sink)));
	}

	void deliver(ClientEvent event) {
		List<FluxSink<ClientEvent>> sinks = this.byName.get(event.name());
		if (sinks != null) {
			List.copyOf(sinks).forEach((sink) -> sink.next(event));
		}
		List.copyOf(this.any).forEach((sink) -> sink.next(event));
	}

	void publish(ConnectionEvent event) {
		List.copyOf(this.connection).forEach((sink) -> sink.next(event));
	}

	/**
	 * Complete every flux: the socket is disconnected for good.
	 */
	void complete() {
		this.completed = true;
		List<FluxSink<?>> sinks = new ArrayList<>();
		this.byName.values().forEach(sinks::addAll);
		sinks.addAll(this.any);
		sinks.addAll(this.connection);
		this.byName.clear();
		this.any.clear();
		this.connection.clear();
		sinks.forEach(FluxSink::complete);
	}

}
