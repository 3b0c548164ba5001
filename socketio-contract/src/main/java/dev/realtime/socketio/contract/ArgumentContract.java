package dev.realtime.socketio.contract;

import java.lang.reflect.Type;

/**
 * One argument of an event.
 *
 * @param name the name of the Java parameter, or {@code argN}
 * @param type the Java type the argument is converted to or from
 * @param required whether the sender must send it (when not, {@code null} may stand in)
 * @since 0.1.0
 */
public record ArgumentContract(String name, Type type, boolean required) {
}
