package dev.realtime.socketio.sample;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * Counts the chat messages, for the live panel.
 *
 * @since 0.1.0
 */
@Component
public class ChatStatistics {

	private final AtomicLong messages = new AtomicLong();

	/**
	 * Count a message.
	 */
	public void messageReceived() {
		this.messages.incrementAndGet();
	}

	/**
	 * Return how many messages the chat received since it started.
	 * @return the count
	 */
	public long messages() {
		return this.messages.get();
	}

}
