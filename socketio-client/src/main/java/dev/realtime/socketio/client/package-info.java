/**
 * A reactive Socket.IO v5 / Engine.IO v4 client on Reactor Netty: start with
 * {@link dev.realtime.socketio.client.SocketIoClient#builder()}.
 */
@NullMarked
package dev.realtime.socketio.client;

import org.jspecify.annotations.NullMarked;
