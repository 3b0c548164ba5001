/**
 * The Socket.IO v5 server API: the server, namespaces, sockets, rooms, broadcast
 * operators, acknowledgements and middlewares.
 */
@NullMarked
package dev.realtime.socketio.server;

import org.jspecify.annotations.NullMarked;
