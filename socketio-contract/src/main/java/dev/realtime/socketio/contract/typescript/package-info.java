/**
 * TypeScript definitions of a {@link dev.realtime.socketio.contract.SocketIoContract} for
 * the typed {@code Socket<ServerToClientEvents, ClientToServerEvents>} of
 * {@code socket.io-client}.
 */
@NullMarked
package dev.realtime.socketio.contract.typescript;

import org.jspecify.annotations.NullMarked;
