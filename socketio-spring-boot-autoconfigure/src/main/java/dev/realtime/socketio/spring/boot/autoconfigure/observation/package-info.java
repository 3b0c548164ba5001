/**
 * Auto-configuration of the Micrometer Observation of Socket.IO handler methods.
 */
@NullMarked
package dev.realtime.socketio.spring.boot.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
