package dev.realtime.socketio.spring.handler.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;

import dev.realtime.socketio.server.AckSender;
import dev.realtime.socketio.server.AnyListener;
import dev.realtime.socketio.server.SocketEventListener;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.handler.EventContext;

/**
 * The handler methods of one namespace (static, or dynamic by pattern), gathered from all
 * its beans, and their registration on the namespace and on each socket that connects.
 */
final class NamespaceHandlers {

	private final String namespace;

	private final List<EventHandlerInvoker> connectHandlers = new ArrayList<>();

	private final Map<String, EventHandlerInvoker> eventHandlers = new LinkedHashMap<>();

	private final List<EventHandlerInvoker> anyEventHandlers = new ArrayList<>();

	private final List<EventHandlerInvoker> disconnectHandlers = new ArrayList<>();

	NamespaceHandlers(String namespace) {
		this.namespace = namespace;
	}

	void addConnectHandler(EventHandlerInvoker handler) {
		this.connectHandlers.add(handler);
	}

	void addEventHandler(String event, EventHandlerInvoker handler) {
		EventHandlerInvoker existing = this.eventHandlers.putIfAbsent(event, handler);
		if (existing != null) {
			throw new InvalidHandlerMethodException(
					handler.method().getMethod(), "Two handlers for event '" + event + "' in namespace '"
							+ this.namespace + "': " + existing.method() + " and " + handler.method(),
					"Keep one @OnEvent(\"" + event + "\") method per namespace.");
		}
	}

	void addAnyEventHandler(EventHandlerInvoker handler) {
		this.anyEventHandlers.add(handler);
	}

	void addDisconnectHandler(EventHandlerInvoker handler) {
		this.disconnectHandlers.add(handler);
	}

	/**
	 * Register the handlers of this namespace. Without a worker, the event handlers keep
	 * no state per socket and are registered once, on the namespace; with one, each
	 * socket gets its own dispatcher (its events run in order) and its own listeners.
	 * @param onSocketEvent the namespace's {@code onSocketEvent}
	 * @param onConnection the namespace's {@code onConnection}
	 * @param worker where blocking handlers run, or {@code null} for the event loop
	 */
	void register(BiConsumer<String, SocketEventListener> onSocketEvent,
			Consumer<Consumer<SocketIoSocket>> onConnection, @Nullable Executor worker) {
		if (worker == null) {
			this.eventHandlers.forEach((event, handler) -> onSocketEvent.accept(event, (socket, args,
					ack) -> SocketEventDispatcher.invokeOnLoop(handler, EventContext.event(socket, event, args, ack))));
		}
		onConnection.accept((socket) -> attach(socket, worker));
	}

	/**
	 * Register the per-socket handlers on a socket that just connected and run the
	 * connect handlers; runs on its event loop, before any of its events.
	 */
	private void attach(SocketIoSocket socket, @Nullable Executor worker) {
		BiConsumer<EventHandlerInvoker, EventContext> dispatcher = (worker != null)
				? new SocketEventDispatcher(socket, worker)::dispatch : SocketEventDispatcher::invokeOnLoop;
		for (EventHandlerInvoker handler : this.anyEventHandlers) {
			boolean answers = handler.method().answersAcks();
			socket.onAny(new AnyListener() {

				@Override
				public void onAny(String event, ArrayNode args) {
					onAny(event, args, null);
				}

				@Override
				public void onAny(String event, ArrayNode args, @Nullable AckSender ack) {
					dispatcher.accept(handler, EventContext.event(socket, event, args, answers ? ack : null));
				}

			});
		}
		if (worker != null) {
			this.eventHandlers.forEach((event, handler) -> socket.on(event,
					(args, ack) -> dispatcher.accept(handler, EventContext.event(socket, event, args, ack))));
		}
		if (!this.disconnectHandlers.isEmpty()) {
			socket.onDisconnect((reason, description) -> {
				EventContext context = EventContext.disconnect(socket, reason);
				for (EventHandlerInvoker handler : this.disconnectHandlers) {
					dispatcher.accept(handler, context);
				}
			});
		}
		if (!this.connectHandlers.isEmpty()) {
			EventContext context = EventContext.connect(socket);
			for (EventHandlerInvoker handler : this.connectHandlers) {
				dispatcher.accept(handler, context);
			}
		}
	}

	@Override
	public String toString() {
		return this.namespace;
	}

}
