/**
 * Micrometer Observation of Socket.IO handler method invocations.
 */
@NullMarked
package dev.realtime.socketio.spring.observation;

import org.jspecify.annotations.NullMarked;
