package dev.realtime.socketio.sample;

import org.jspecify.annotations.Nullable;

/**
 * A message as the chat delivers it, and as the {@code message} and {@code announcement}
 * events carry it.
 *
 * @param id the id the sender's page chose, or the server's for an announcement
 * @param room the room
 * @param from the sender's nickname, or {@code null} for an announcement
 * @param text the text
 * @param at when the server received it, in milliseconds since the epoch
 * @since 0.1.0
 */
public record ChatMessage(String id, String room, @Nullable String from, String text, long at) {

}
