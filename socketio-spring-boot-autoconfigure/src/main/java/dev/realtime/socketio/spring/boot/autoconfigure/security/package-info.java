/**
 * Auto-configuration of Spring Security authentication for Socket.IO connections.
 */
@NullMarked
package dev.realtime.socketio.spring.boot.autoconfigure.security;

import org.jspecify.annotations.NullMarked;
