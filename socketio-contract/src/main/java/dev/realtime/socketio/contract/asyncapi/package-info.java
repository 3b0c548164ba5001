/**
 * The AsyncAPI 3.0 document of a {@link dev.realtime.socketio.contract.SocketIoContract}.
 */
@NullMarked
package dev.realtime.socketio.contract.asyncapi;

import org.jspecify.annotations.NullMarked;
