/**
 * Authorization of namespace connections from the Socket.IO CONNECT auth payload.
 */
@NullMarked
package dev.realtime.socketio.spring.auth;

import org.jspecify.annotations.NullMarked;
