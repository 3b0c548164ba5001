/**
 * Annotations that turn Spring beans into Socket.IO namespace handlers.
 */
@NullMarked
package dev.realtime.socketio.spring.annotation;

import org.jspecify.annotations.NullMarked;
