/**
 * Spring Boot auto-configuration of the Redis adapter
 * ({@code socketio.adapter.type=redis}).
 */
@NullMarked
package dev.realtime.socketio.redis.autoconfigure;

import org.jspecify.annotations.NullMarked;
