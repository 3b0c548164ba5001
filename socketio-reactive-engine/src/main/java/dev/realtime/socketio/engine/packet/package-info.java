/**
 * Engine.IO v4 packets and the long-polling payload codec.
 */
@NullMarked
package dev.realtime.socketio.engine.packet;

import org.jspecify.annotations.NullMarked;
