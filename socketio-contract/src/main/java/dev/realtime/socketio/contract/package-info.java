/**
 * The event API of {@code @SocketIoNamespace} beans as a model: the events each namespace
 * receives, with their arguments and ack replies, and the events it emits, with the
 * shapes of their payload types.
 */
@NullMarked
package dev.realtime.socketio.contract;

import org.jspecify.annotations.NullMarked;
