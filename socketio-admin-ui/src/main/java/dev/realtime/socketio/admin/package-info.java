/**
 * The server side of the Socket.IO Admin UI:
 * {@link dev.realtime.socketio.admin.SocketIoAdminUi} instruments a
 * {@link dev.realtime.socketio.server.SocketIoServer} with the admin namespace the
 * {@code @socket.io/admin-ui} single-page app connects to.
 */
@NullMarked
package dev.realtime.socketio.admin;

import org.jspecify.annotations.NullMarked;
