/**
 * Peer servers implementing the bench contract: netty-socketio and the raw Reactor Netty
 * ceiling (the Node server is under src/main/node).
 */
@NullMarked
package dev.realtime.socketio.benchmarks.peer;

import org.jspecify.annotations.NullMarked;
