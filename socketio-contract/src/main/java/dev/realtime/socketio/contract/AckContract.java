package dev.realtime.socketio.contract;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

/**
 * The ack reply of an event: the value the handler method returns, its single argument.
 *
 * @param type the Java type of the reply; {@code Object} when the method answers through
 * an {@code AckSender} and the type is not known; {@code null} for a reply with no
 * arguments
 * @since 0.1.0
 */
public record AckContract(@Nullable Type type) {
}
