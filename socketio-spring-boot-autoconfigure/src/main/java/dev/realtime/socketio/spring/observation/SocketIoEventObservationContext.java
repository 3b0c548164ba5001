package dev.realtime.socketio.spring.observation;

import io.micrometer.observation.Observation;

import dev.realtime.socketio.spring.handler.EventContext;

/**
 * {@link Observation.Context} of one handler method invocation: a socket's connection,
 * one of its events, or its disconnection.
 *
 * @since 0.1.0
 */
public class SocketIoEventObservationContext extends Observation.Context {

	private final EventContext eventContext;

	private final String namespace;

	private final boolean mappedEvent;

	/**
	 * Create a context.
	 * @param eventContext what the handler is invoked for
	 * @param namespace the namespace the handler is mapped to: its path, or the pattern
	 * of a dynamic namespace (so that its children share one value)
	 * @param mappedEvent whether the handler is mapped to this event by name, rather than
	 * to any event
	 */
	public SocketIoEventObservationContext(EventContext eventContext, String namespace, boolean mappedEvent) {
		this.eventContext = eventContext;
		this.namespace = namespace;
		this.mappedEvent = mappedEvent;
	}

	/**
	 * Return what the handler is invoked for.
	 * @return the event context
	 */
	public EventContext getEventContext() {
		return this.eventContext;
	}

	/**
	 * Return the namespace the handler is mapped to.
	 * @return the namespace path or pattern
	 */
	public String getNamespace() {
		return this.namespace;
	}

	/**
	 * Return the event name: the name of the event, or {@code connect} or
	 * {@code disconnect} for lifecycle handlers.
	 * @return the event name
	 */
	public String getEventName() {
		return this.eventContext.handledName();
	}

	/**
	 * Whether the handler is mapped to this event by name (an {@code @OnEvent} method or
	 * a lifecycle method), so that the event name is one of a fixed set.
	 * @return {@code false} for an {@code @OnAnyEvent} method
	 */
	public boolean isMappedEvent() {
		return this.mappedEvent;
	}

}
