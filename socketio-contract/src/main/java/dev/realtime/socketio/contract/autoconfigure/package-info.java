/**
 * Auto-configuration of the AsyncAPI document of the application's
 * {@code @SocketIoNamespace} beans: built at startup, served by an actuator endpoint and,
 * optionally, at a path.
 */
@NullMarked
package dev.realtime.socketio.contract.autoconfigure;

import org.jspecify.annotations.NullMarked;
