/**
 * A Socket.IO adapter over Redis pub/sub, wire-compatible with the Node
 * {@code @socket.io/redis-adapter} 8.3 and {@code @socket.io/redis-emitter}.
 */
@NullMarked
package dev.realtime.socketio.redis;

import org.jspecify.annotations.NullMarked;
