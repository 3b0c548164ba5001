package dev.realtime.socketio.sample;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The chat rooms: their names, the Socket.IO room each maps to, and the last messages of
 * each, kept in memory for the people who join later.
 *
 * @since 0.1.0
 */
@Component
public class ChatRooms {

	/** The room every page joins first. */
	public static final String DEFAULT_ROOM = "general";

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,23}");

	private static final String PREFIX = "room:";

	private static final int HISTORY_SIZE = 50;

	private static final int MAX_ROOMS_WITH_HISTORY = 100;

	private final Map<String, Deque<ChatMessage>> history = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Deque<ChatMessage>> eldest) {
			return size() > MAX_ROOMS_WITH_HISTORY;
		}

	};

	/**
	 * Return the canonical name of a room: trimmed and lower case.
	 * @param room the name a user typed
	 * @return the name
	 * @throws ChatException if the name is not 1 to 24 letters, digits or dashes
	 */
	public String name(String room) {
		String name = room.strip().toLowerCase(Locale.ROOT);
		if (name.startsWith("#")) {
			name = name.substring(1);
		}
		if (!NAME.matcher(name).matches()) {
			throw new ChatException("A room name is 1 to 24 letters (a-z), digits or dashes");
		}
		return name;
	}

	/**
	 * Return the Socket.IO room of a chat room. The prefix keeps room names apart from
	 * socket ids, which are rooms too.
	 * @param name the canonical room name
	 * @return the Socket.IO room
	 */
	public String key(String name) {
		return PREFIX + name;
	}

	/**
	 * Return the chat room of a Socket.IO room.
	 * @param key a Socket.IO room
	 * @return the room name, or {@code null} when the room is not a chat room
	 */
	public @Nullable String nameOf(String key) {
		return key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : null;
	}

	/**
	 * Keep a message in its room's history.
	 * @param message the message
	 */
	public synchronized void remember(ChatMessage message) {
		Deque<ChatMessage> messages = this.history.computeIfAbsent(message.room(), (room) -> new ArrayDeque<>());
		messages.addLast(message);
		if (messages.size() > HISTORY_SIZE) {
			messages.removeFirst();
		}
	}

	/**
	 * Return the last messages of a room, oldest first.
	 * @param room the canonical room name
	 * @return the messages
	 */
	public synchronized List<ChatMessage> history(String room) {
		Deque<ChatMessage> messages = this.history.get(room);
		return (messages != null) ? List.copyOf(messages) : List.of();
	}

}
