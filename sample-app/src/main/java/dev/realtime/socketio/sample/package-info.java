/**
 * A chat on the Socket.IO Spring Boot starter: the sample application.
 */
@NullMarked
package dev.realtime.socketio.sample;

import org.jspecify.annotations.NullMarked;
