/**
 * Soak test of a running server: many connect / emit / disconnect cycles over both
 * transports, then a check that heap, threads, sessions and Netty buffers are back where
 * they started. Tagged {@code soak}, outside the default test run (docs/soak.md).
 */
@NullMarked
package dev.realtime.socketio.soak;

import org.jspecify.annotations.NullMarked;
