/**
 * Auto-configuration of the Socket.IO server: properties, customizers, mounting on the
 * WebFlux server or a standalone server.
 */
@NullMarked
package dev.realtime.socketio.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
