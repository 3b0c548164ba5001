package dev.realtime.socketio.spring.boot.autoconfigure.metrics;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the Socket.IO meters.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("socketio.metrics")
public class SocketIoMetricsProperties {

	/**
	 * Whether to bind the Socket.IO meters to the meter registry.
	 */
	private boolean enabled = true;

	/**
	 * Event names that the event meters and handler observations are tagged with. Other
	 * events are tagged 'other'; when empty, event meters have no 'event' tag.
	 */
	private List<String> events = new ArrayList<>();

	/**
	 * Maximum number of distinct 'namespace' tag values; sockets of further namespaces
	 * (such as children of a dynamic namespace) are counted as 'other'.
	 */
	private int maxNamespaceTags = 100;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getEvents() {
		return this.events;
	}

	public void setEvents(List<String> events) {
		this.events = events;
	}

	public int getMaxNamespaceTags() {
		return this.maxNamespaceTags;
	}

	public void setMaxNamespaceTags(int maxNamespaceTags) {
		this.maxNamespaceTags = maxNamespaceTags;
	}

}
