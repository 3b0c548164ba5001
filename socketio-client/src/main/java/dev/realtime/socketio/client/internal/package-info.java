/**
 * The client's implementation: the Engine.IO connection, its transports and the Socket.IO
 * layer. Not API: may change without notice.
 */
@NullMarked
package dev.realtime.socketio.client.internal;

import org.jspecify.annotations.NullMarked;
