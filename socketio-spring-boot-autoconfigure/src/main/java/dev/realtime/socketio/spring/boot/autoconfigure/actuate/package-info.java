/**
 * Actuator support for the Socket.IO server: a health indicator and a read-only
 * {@code socketio} endpoint.
 */
@NullMarked
package dev.realtime.socketio.spring.boot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
