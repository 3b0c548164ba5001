/**
 * Emitting Socket.IO events from application code.
 */
@NullMarked
package dev.realtime.socketio.spring.core;

import org.jspecify.annotations.NullMarked;
