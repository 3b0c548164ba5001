package dev.realtime.socketio.spring.handler.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;

import dev.realtime.socketio.server.AckSender;
import dev.realtime.socketio.server.AnyListener;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.handler.EventContext;

/**
 * The handler methods of one namespace (static, or dynamic by pattern), gathered from all
 * its beans, and their registration on each socket that connects.
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
	 * Register the handlers on a socket that just connected; runs on its event loop,
	 * before any of its events.
	 */
	void attach(SocketIoSocket socket, @Nullable Executor worker) {
		SocketEventDispatcher dispatcher = new SocketEventDispatcher(socket, worker);
		for (EventHandlerInvoker handler : this.anyEventHandlers) {
			boolean answers = handler.method().answersAcks();
			socket.onAny(new AnyListener() {

				@Override
				public void onAny(String event, ArrayNode args) {
					onAny(event, args, null);
				}

				@Override
				public void onAny(String event, ArrayNode args, @Nullable AckSender ack) {
					dispatcher.dispatch(handler, EventContext.event(socket, event, args, answers ? ack : null));
				}

			});
		}
		this.eventHandlers.forEach((event, handler) -> socket.on(event,
				(args, ack) -> dispatcher.dispatch(handler, EventContext.event(socket, event, args, ack))));
		if (!this.disconnectHandlers.isEmpty()) {
			socket.onDisconnect((reason, description) -> {
				EventContext context = EventContext.disconnect(socket, reason);
				for (EventHandlerInvoker handler : this.disconnectHandlers) {
					dispatcher.dispatch(handler, context);
				}
			});
		}
		if (!this.connectHandlers.isEmpty()) {
			EventContext context = EventContext.connect(socket);
			for (EventHandlerInvoker handler : this.connectHandlers) {
				dispatcher.dispatch(handler, context);
			}
		}
	}

	@Override
	public String toString() {
		return this.namespace;
	}

}
