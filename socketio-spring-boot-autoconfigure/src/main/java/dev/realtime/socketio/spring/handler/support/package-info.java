/**
 * The handler-method model behind {@code @SocketIoNamespace} beans: detection at startup,
 * argument resolvers, return-value handlers, invocation and per-socket ordering. Public
 * so that applications can reuse or reorder the strategies; not a stable API yet.
 */
@NullMarked
package dev.realtime.socketio.spring.handler.support;

import org.jspecify.annotations.NullMarked;
