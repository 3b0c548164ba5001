package dev.realtime.socketio.postgres;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a {@link PostgresAdapterFactory} sent and received since it was created: the
 * counters behind its metrics.
 *
 * @since 0.1.0
 */
public final class PostgresAdapterStatistics {

	private final AtomicLong notificationsSent = new AtomicLong();

	private final AtomicLong notificationsReceived = new AtomicLong();

	private final AtomicLong attachmentsWritten = new AtomicLong();

	private final AtomicLong attachmentsRead = new AtomicLong();

	private final AtomicLong publishFailures = new AtomicLong();

	private final AtomicLong connections = new AtomicLong();

	PostgresAdapterStatistics() {
	}

	/**
	 * Return the notifications this node sent.
	 * @return the count
	 */
	public long notificationsSent() {
		return this.notificationsSent.get();
	}

	/**
	 * Return the notifications this node received on its namespaces' channels, its own
	 * included.
	 * @return the count
	 */
	public long notificationsReceived() {
		return this.notificationsReceived.get();
	}

	/**
	 * Return the payloads this node stored in the attachment table.
	 * @return the count
	 */
	public long attachmentsWritten() {
		return this.attachmentsWritten.get();
	}

	/**
	 * Return the payloads of other nodes this node read from the attachment table.
	 * @return the count
	 */
	public long attachmentsRead() {
		return this.attachmentsRead.get();
	}

	/**
	 * Return the messages this node could not publish.
	 * @return the count
	 */
	public long publishFailures() {
		return this.publishFailures.get();
	}

	/**
	 * Return how many times the listening connection was opened: 1 without outages.
	 * @return the count
	 */
	public long listenConnections() {
		return this.connections.get();
	}

	void notificationSent() {
		this.notificationsSent.incrementAndGet();
	}

	void notificationReceived() {
		this.notificationsReceived.incrementAndGet();
	}

	void attachmentWritten() {
		this.attachmentsWritten.incrementAndGet();
	}

	void attachmentRead() {
		this.attachmentsRead.incrementAndGet();
	}

	void publishFailed() {
		this.publishFailures.incrementAndGet();
	}

	void connected() {
		this.connections.incrementAndGet();
	}

}
