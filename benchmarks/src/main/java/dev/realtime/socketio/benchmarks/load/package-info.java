/**
 * The load generator: raw WebSocket and HTTP clients speaking Engine.IO v4 / Socket.IO v5
 * directly, and the scenarios S1 to S6.
 */
@NullMarked
package dev.realtime.socketio.benchmarks.load;

import org.jspecify.annotations.NullMarked;
