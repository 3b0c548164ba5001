/**
 * Mounting Engine.IO and Socket.IO servers on Reactor Netty routes, or on a standalone
 * Reactor Netty server.
 */
@NullMarked
package dev.realtime.socketio.netty;

import org.jspecify.annotations.NullMarked;
