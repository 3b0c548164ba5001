package dev.realtime.socketio.spring.observation;

import java.util.Collection;
import java.util.Set;

import io.micrometer.common.KeyValues;

/**
 * Default {@link SocketIoEventObservationConvention}: the observation is named
 * {@value #NAME}, its contextual name (the span name) is {@code socketio <event>}, and
 * its low-cardinality key values are {@code namespace} (the mapped path or pattern),
 * {@code event} (the event name when it is listed, {@code connect}, {@code disconnect},
 * else {@code other}) and {@code outcome} ({@code ok} or {@code error}).
 *
 * @since 0.1.0
 */
public class DefaultSocketIoEventObservationConvention implements SocketIoEventObservationConvention {

	/** Name of the observation. */
	public static final String NAME = "socketio.handler";

	private static final String OTHER = "other";

	private final Set<String> events;

	/**
	 * Create a convention that names no event in its key values.
	 */
	public DefaultSocketIoEventObservationConvention() {
		this(Set.of());
	}

	/**
	 * Create a convention.
	 * @param events the event names to use as {@code event} key values; others are
	 * {@code other}
	 */
	public DefaultSocketIoEventObservationConvention(Collection<String> events) {
		this.events = Set.copyOf(events);
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(SocketIoEventObservationContext context) {
		String event = context.getEventName();
		return "socketio " + (context.isMappedEvent() ? event : boundedEvent(event));
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(SocketIoEventObservationContext context) {
		return KeyValues.of("namespace", context.getNamespace(), "event", boundedEvent(context.getEventName()),
				"outcome", (context.getError() != null) ? "error" : "ok");
	}

	private String boundedEvent(String event) {
		if (this.events.contains(event) || "connect".equals(event) || "disconnect".equals(event)) {
			return event;
		}
		return OTHER;
	}

}
