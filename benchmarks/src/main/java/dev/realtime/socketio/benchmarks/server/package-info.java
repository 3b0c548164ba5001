/**
 * The bench server of spec/BENCH-APP.md: the Spring Boot application on the starter and
 * the engine-only variant.
 */
@NullMarked
package dev.realtime.socketio.benchmarks.server;

import org.jspecify.annotations.NullMarked;
