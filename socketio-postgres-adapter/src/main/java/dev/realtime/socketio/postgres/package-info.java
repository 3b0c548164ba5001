/**
 * A Socket.IO adapter over Postgres {@code LISTEN}/{@code NOTIFY}, wire-compatible with
 * the Node {@code @socket.io/postgres-adapter} 0.5 and
 * {@code @socket.io/postgres-emitter}.
 */
@NullMarked
package dev.realtime.socketio.postgres;

import org.jspecify.annotations.NullMarked;
