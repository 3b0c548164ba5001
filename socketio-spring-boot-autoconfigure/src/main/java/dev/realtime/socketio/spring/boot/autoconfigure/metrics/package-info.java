/**
 * Auto-configuration of the Socket.IO meters, for Micrometer.
 */
@NullMarked
package dev.realtime.socketio.spring.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
