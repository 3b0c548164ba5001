package dev.realtime.socketio.sample;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.realtime.socketio.spring.core.SocketIoTemplate;

/**
 * Posts announcements into a room from plain HTTP, emitting from outside any Socket.IO
 * handler with the {@link SocketIoTemplate}: <pre>
 * curl -H 'Content-Type: application/json' -d '{"text":"Lunch is ready"}' \
 *     http://localhost:8080/api/rooms/general/announcements
 * </pre>
 *
 * @since 0.1.0
 */
@RestController
public class AnnouncementController {

	private final SocketIoTemplate template;

	private final ChatRooms rooms;

	/**
	 * Create the controller.
	 * @param template the template to emit with
	 * @param rooms the chat rooms
	 */
	public AnnouncementController(SocketIoTemplate template, ChatRooms rooms) {
		this.template = template;
		this.rooms = rooms;
	}

	/**
	 * Post an announcement into a room.
	 * @param room the room
	 * @param announcement the text
	 * @return the message the room received
	 */
	@PostMapping("/api/rooms/{room}/announcements")
	@ResponseStatus(HttpStatus.ACCEPTED)
	public ChatMessage announce(@PathVariable String room, @Valid @RequestBody Announcement announcement) {
		String name = this.rooms.name(room);
		ChatMessage message = new ChatMessage(UUID.randomUUID().toString(), name, null, announcement.text().strip(),
				System.currentTimeMillis());
		this.rooms.remember(message);
		this.template.to(ChatHandler.NAMESPACE, this.rooms.key(name)).emit("announcement", message);
		return message;
	}

	@ExceptionHandler(ChatException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	ErrorResponse refused(ChatException ex) {
		return new ErrorResponse(ex.getMessage());
	}

	/**
	 * The body of an announcement request.
	 *
	 * @param text the text
	 */
	public record Announcement(@NotBlank @Size(max = 500) String text) {
	}

	/**
	 * The body of a refused request.
	 *
	 * @param error why it was refused
	 */
	public record ErrorResponse(String error) {
	}

}
