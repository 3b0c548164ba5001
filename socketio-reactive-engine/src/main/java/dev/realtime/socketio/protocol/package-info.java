/**
 * Socket.IO v5 packets and their text/binary codec (packet types, encoder, decoder,
 * binary attachment assembly), independent of the Engine.IO transport that carries them.
 */
@NullMarked
package dev.realtime.socketio.protocol;

import org.jspecify.annotations.NullMarked;
