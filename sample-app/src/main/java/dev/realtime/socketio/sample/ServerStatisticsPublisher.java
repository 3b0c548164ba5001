package dev.realtime.socketio.sample;

import java.util.ArrayDeque;
import java.util.Deque;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.spring.core.SocketIoTemplate;

/**
 * Emits the figures of the page's live panel every second, from outside any handler: a
 * scheduled job using the {@link SocketIoTemplate}.
 *
 * @since 0.1.0
 */
@Component
public class ServerStatisticsPublisher {

	/** Messages per second are averaged over this many seconds. */
	private static final int WINDOW_SECONDS = 5;

	private final SocketIoTemplate template;

	private final ChatStatistics statistics;

	private final ChatRooms rooms;

	private final Deque<Long> counts = new ArrayDeque<>();

	/**
	 * Create the publisher.
	 * @param template the template to emit with
	 * @param statistics the message count
	 * @param rooms the chat rooms
	 */
	public ServerStatisticsPublisher(SocketIoTemplate template, ChatStatistics statistics, ChatRooms rooms) {
		this.template = template;
		this.statistics = statistics;
		this.rooms = rooms;
	}

	@Scheduled(fixedRate = 1000)
	void publish() {
		this.counts.addLast(this.statistics.messages());
		if (this.counts.size() > WINDOW_SECONDS + 1) {
			this.counts.removeFirst();
		}
		double perSecond = (this.counts.size() > 1)
				? (double) (this.counts.getLast() - this.counts.getFirst()) / (this.counts.size() - 1) : 0;
		Namespace chat = this.template.namespace(ChatHandler.NAMESPACE);
		long activeRooms = chat.rooms().keySet().stream().filter((room) -> this.rooms.nameOf(room) != null).count();
		// Volatile: a figure that cannot be sent now is stale by the next one.
		chat.asVolatile()
			.emit("stats", new Statistics(chat.sockets().size(), Math.round(perSecond * 10) / 10.0, activeRooms,
					this.statistics.messages()));
	}

	/**
	 * The figures of the live panel.
	 *
	 * @param connections the sockets connected to the chat
	 * @param messagesPerSecond messages per second over the last seconds
	 * @param rooms the rooms with people in them
	 * @param messages the messages since the server started
	 */
	record Statistics(int connections, double messagesPerSecond, long rooms, long messages) {
	}

}
