/**
 * Engine.IO v4 server: sessions over HTTP long-polling and WebSocket, the upgrade between
 * them, heartbeats and the handshake. The Socket.IO layer sits on this API.
 */
@NullMarked
package dev.realtime.socketio.engine;

import org.jspecify.annotations.NullMarked;
