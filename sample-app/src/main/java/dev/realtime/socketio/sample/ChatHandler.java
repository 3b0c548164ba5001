package dev.realtime.socketio.sample;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.realtime.socketio.server.ConnectionStateRecoveryOptions;
import dev.realtime.socketio.server.DisconnectReason;
import dev.realtime.socketio.server.Namespace;
import dev.realtime.socketio.server.SocketIoSocket;
import dev.realtime.socketio.spring.annotation.EmitsEvent;
import dev.realtime.socketio.spring.annotation.OnConnect;
import dev.realtime.socketio.spring.annotation.OnDisconnect;
import dev.realtime.socketio.spring.annotation.OnEvent;
import dev.realtime.socketio.spring.annotation.SocketIoExceptionHandler;
import dev.realtime.socketio.spring.annotation.SocketIoNamespace;

/**
 * The chat's Socket.IO namespace. The page emits {@code join}, {@code leave},
 * {@code message} (with an ack: the delivery tick) and {@code typing}; the server emits
 * {@code message}, {@code presence}, {@code typing}, {@code announcement}, {@code stats}
 * and, to a socket restored by connection state recovery once it has been sent what it
 * missed, {@code recovered}.
 *
 * @since 0.1.0
 */
@SocketIoNamespace(ChatHandler.NAMESPACE)
@EmitsEvent(name = "message", payload = ChatMessage.class, description = "A message someone wrote in a room you joined")
@EmitsEvent(name = "announcement", payload = ChatMessage.class, description = "An announcement posted over HTTP")
@EmitsEvent(name = "presence", payload = ChatHandler.Presence.class, description = "Who is in a room now")
@EmitsEvent(name = "typing", payload = ChatHandler.TypingNotice.class,
		description = "Someone started or stopped typing")
@EmitsEvent(name = "stats", payload = ServerStatisticsPublisher.Statistics.class,
		description = "The live panel's figures, every second")
@EmitsEvent(name = "recovered", payload = ChatHandler.Recovered.class,
		description = "Sent to a recovered socket after the events it missed")
public class ChatHandler {

	/** The namespace of the chat. */
	public static final String NAMESPACE = "/chat";

	private static final Log logger = LogFactory.getLog(ChatHandler.class);

	/**
	 * The socket's nickname, in its data as a plain string: unlike the principal, it
	 * reads the same on sockets fetched from other nodes (Redis adapter).
	 */
	static final String NICKNAME = ChatHandler.class.getName() + ".NICKNAME";

	/**
	 * The socket's chat rooms, in its data: rooms are gone from the adapter on
	 * disconnect.
	 */
	private static final String JOINED_ROOMS = ChatHandler.class.getName() + ".ROOMS";

	private final ChatRooms rooms;

	private final Nicknames nicknames;

	private final ChatStatistics statistics;

	/**
	 * Create the handler.
	 * @param rooms the chat rooms
	 * @param nicknames the nicknames in use
	 * @param statistics the figures of the live panel
	 */
	public ChatHandler(ChatRooms rooms, Nicknames nicknames, ChatStatistics statistics) {
		this.rooms = rooms;
		this.nicknames = nicknames;
		this.statistics = statistics;
	}

	/**
	 * A new socket starts with no rooms. A recovered one is back in its rooms, with its
	 * data, and has just been sent the events it missed: tell its rooms it is back, and
	 * tell the page it has caught up.
	 */
	@OnConnect
	Mono<Void> connected(SocketIoSocket socket, ChatUser user) {
		if (!socket.recovered()) {
			socket.data().put(JOINED_ROOMS, new LinkedHashSet<String>());
			logger.info(user.nickname() + " connected (socket " + socket.id() + ")");
			return Mono.empty();
		}
		logger.info(user.nickname() + " reconnected, recovered (socket " + socket.id() + ")");
		List<String> joined = List.copyOf(joinedRooms(socket));
		socket.emit("recovered", new Recovered(joined));
		return Flux.fromIterable(joined).flatMap((room) -> publishPresence(socket.namespace(), room)).then();
	}

	/**
	 * Join a room; the ack reply holds who is there and the last messages.
	 */
	@OnEvent("join")
	Mono<RoomState> join(SocketIoSocket socket, String room) {
		String name = this.rooms.name(room);
		socket.join(this.rooms.key(name));
		joinedRooms(socket).add(name);
		return publishPresence(socket.namespace(), name)
			.map((members) -> new RoomState(name, members, this.rooms.history(name)));
	}

	@OnEvent("leave")
	Mono<RoomState> leave(SocketIoSocket socket, String room) {
		String name = this.rooms.name(room);
		socket.leave(this.rooms.key(name));
		joinedRooms(socket).remove(name);
		return publishPresence(socket.namespace(), name).thenReturn(new RoomState(name, List.of(), List.of()));
	}

	/**
	 * Deliver a message to the other people in its room. The reply is the page's delivery
	 * tick.
	 */
	@OnEvent("message")
	Receipt message(SocketIoSocket socket, ChatUser user, @Valid SendMessage message) {
		String name = this.rooms.name(message.room());
		String key = this.rooms.key(name);
		if (!socket.rooms().contains(key)) {
			throw new ChatException("Join #" + name + " before writing there");
		}
		ChatMessage delivered = new ChatMessage(message.id(), name, user.nickname(), message.text().strip(),
				System.currentTimeMillis());
		this.rooms.remember(delivered);
		this.statistics.messageReceived();
		socket.to(key).emit("message", delivered);
		return new Receipt(delivered.id(), delivered.at());
	}

	/**
	 * Tell the room someone is typing. Volatile: a notice that cannot be sent at once is
	 * dropped, never queued, since a late one is wrong.
	 */
	@OnEvent("typing")
	void typing(SocketIoSocket socket, ChatUser user, Typing typing) {
		String key = this.rooms.key(this.rooms.name(typing.room()));
		if (socket.rooms().contains(key)) {
			socket.to(key)
				.asVolatile()
				.emit("typing", new TypingNotice(typing.room(), user.nickname(), typing.typing()));
		}
	}

	/**
	 * Tell the socket's rooms it left. Its nickname is given up, unless the socket may
	 * come back with connection state recovery (the server keeps its session after a
	 * recoverable disconnection): then it is kept for the recovery window.
	 */
	@OnDisconnect
	Mono<Void> disconnected(SocketIoSocket socket, ChatUser user, DisconnectReason reason) {
		logger.info(user.nickname() + " disconnected (" + reason + ")");
		ConnectionStateRecoveryOptions recovery = socket.namespace().server().options().connectionStateRecovery();
		if (recovery != null && reason.isRecoverable()) {
			this.nicknames.hold(user.nickname(), socket.id(), recovery.maxDisconnectionDuration());
		}
		else {
			this.nicknames.release(user.nickname(), socket.id());
		}
		return Flux.fromIterable(joinedRooms(socket))
			.flatMap((room) -> publishPresence(socket.namespace(), room))
			.then();
	}

	@SocketIoExceptionHandler
	Map<String, String> refused(ChatException ex) {
		return Map.of("error", ex.getMessage());
	}

	/**
	 * Send the room the names of the people in it, and return them.
	 */
	private Mono<List<String>> publishPresence(Namespace namespace, String room) {
		String key = this.rooms.key(room);
		return namespace.to(key)
			.fetchSockets()
			.map((sockets) -> sockets.stream()
				.map((socket) -> socket.data().get(NICKNAME))
				.filter(String.class::isInstance)
				.map(String.class::cast)
				.distinct()
				.sorted(String.CASE_INSENSITIVE_ORDER)
				.toList())
			.doOnNext((members) -> namespace.to(key).emit("presence", new Presence(room, members)));
	}

	@SuppressWarnings("unchecked")
	private static Set<String> joinedRooms(SocketIoSocket socket) {
		return (Set<String>) socket.data().computeIfAbsent(JOINED_ROOMS, (key) -> new LinkedHashSet<String>());
	}

	/**
	 * A message as the page sends it.
	 *
	 * @param id an id the page chose, to match the ack
	 * @param room the room
	 * @param text the text
	 */
	record SendMessage(@NotBlank @Size(max = 64) String id, @NotBlank String room,
			@NotBlank @Size(max = 500) String text) {
	}

	/**
	 * The ack of a message: the page shows its delivery tick.
	 *
	 * @param id the message id
	 * @param at when the server received it
	 */
	record Receipt(String id, long at) {
	}

	/**
	 * A typing notice as the page sends it.
	 *
	 * @param room the room
	 * @param typing whether the user is typing or stopped
	 */
	record Typing(String room, boolean typing) {
	}

	/**
	 * A typing notice as the room receives it.
	 *
	 * @param room the room
	 * @param nickname who is typing
	 * @param typing whether they are typing or stopped
	 */
	record TypingNotice(String room, String nickname, boolean typing) {
	}

	/**
	 * The people in a room.
	 *
	 * @param room the room
	 * @param members their nicknames, sorted
	 */
	record Presence(String room, List<String> members) {
	}

	/**
	 * Sent to a recovered socket after the events it missed.
	 *
	 * @param rooms the rooms it is back in
	 */
	record Recovered(List<String> rooms) {
	}

	/**
	 * A room as the page sees it after joining.
	 *
	 * @param room the canonical room name
	 * @param members the people in it
	 * @param history the last messages, oldest first
	 */
	record RoomState(String room, List<String> members, List<ChatMessage> history) {
	}

}
